-module(islands_registry).
%% A local, unique-key process registry usable in {via, islands_registry, Key} names:
%% the Erlang equivalent of the book's `{Registry, keys: :unique, name: Registry.Game}`.
%%
%% Design (mirrors Elixir's Registry with its default single partition):
%% - Keys live in a public named ETS set `islands_registry` ({Key, Pid}), with
%%   read_concurrency (lookups on every call by name) and write_concurrency.
%% - A process registers *itself*: it links to the registry process, records
%%   {Pid, Key} in the public bag `islands_registry_pids`, then does ets:insert_new/2
%%   on the key table. The registry process traps exits and, on {'EXIT', Pid, _},
%%   removes that pid's keys. Cleanup is therefore asynchronous (as in Elixir).
%% - Because cleanup lags, registering over a stale entry of a dead pid replaces it
%%   (checked with is_process_alive/1). This is what makes an immediate supervisor
%%   restart under the same name work.
%% - whereis_name/1 (the via callback) hides stale entries with is_process_alive/1,
%%   as Elixir's Registry does with Process.alive?/1. It must: gen:start/6 first
%%   asks whereis_name/1 and answers {already_started, Pid} if it gets a pid, so a
%%   supervisor restarting a game whose death the registry has not yet processed
%%   would otherwise fail.
%% - lookup/1 is the hot path for calls by name (see islands_game:call/2): one ETS
%%   lookup, no liveness check. Right after a call to the same process,
%%   is_process_alive/1 must wait until the caller's earlier signals (the call's
%%   demonitor) have reached the target - a signal round trip that more than
%%   doubled the cost of a call in our measurement (3.5 -> 7.9 us). A stale pid is
%%   harmless for a call: its monitor fires at once and the call exits with noproc,
%%   exactly as for an unregistered name.
%% - Registration, lookup and send never go through the registry process: they are
%%   plain ETS operations in the caller. Only death cleanup does.
%% - watch/1 (a measurement hook in the spirit of Elixir's Registry `listeners`): the
%%   caller gets {islands_registry, registered, Key, Pid} the next time Key is
%%   registered. It lets the recovery benchmark wait for a restart without polling.
%%   Cost when nobody watches: one ets:take/2 on an empty table per registration.
-behaviour(gen_server).

-export([start_link/0, register_name/2, unregister_name/1, whereis_name/1, send/2,
         lookup/1, count/0, watch/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

-define(KEYS, islands_registry).
-define(PIDS, islands_registry_pids).
-define(WATCH, islands_registry_watch).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

%% Called by gen:start in the new process itself, before its init/1.
-spec register_name(term(), pid()) -> yes | no.
register_name(Key, Pid) when Pid =:= self() ->
    link(whereis(?MODULE)),
    ets:insert(?PIDS, {Pid, Key}),
    case insert_key(Key, Pid) of
        yes -> notify(Key, Pid), yes;
        no -> ets:delete_object(?PIDS, {Pid, Key}), no
    end.

insert_key(Key, Pid) ->
    case ets:insert_new(?KEYS, {Key, Pid}) of
        true -> yes;
        false ->
            case ets:lookup(?KEYS, Key) of
                [{_, Other} = Stale] ->
                    case is_process_alive(Other) of
                        true -> no;
                        false -> ets:delete_object(?KEYS, Stale), insert_key(Key, Pid)
                    end;
                [] ->
                    insert_key(Key, Pid)
            end
    end.

notify(Key, Pid) ->
    case ets:take(?WATCH, Key) of
        [] -> ok;
        Watchers -> [W ! {?MODULE, registered, Key, Pid} || {_, W} <- Watchers], ok
    end.

%% One notification, at the next registration of Key, to the calling process.
-spec watch(term()) -> ok.
watch(Key) ->
    ets:insert(?WATCH, {Key, self()}),
    ok.

-spec unregister_name(term()) -> ok.
unregister_name(Key) ->
    Self = self(),
    ets:delete_object(?KEYS, {Key, Self}),
    ets:delete_object(?PIDS, {Self, Key}),
    ok.

-spec whereis_name(term()) -> pid() | undefined.
whereis_name(Key) ->
    case ets:lookup(?KEYS, Key) of
        [{_, Pid}] ->
            case is_process_alive(Pid) of
                true -> Pid;
                false -> undefined
            end;
        [] -> undefined
    end.

%% The registered pid, possibly of a process that has just died.
-spec lookup(term()) -> pid() | undefined.
lookup(Key) ->
    case ets:lookup(?KEYS, Key) of
        [{_, Pid}] -> Pid;
        [] -> undefined
    end.

-spec send(term(), term()) -> pid().
send(Key, Msg) ->
    case whereis_name(Key) of
        undefined -> exit({badarg, {Key, Msg}});
        Pid -> Pid ! Msg, Pid
    end.

-spec count() -> non_neg_integer().
count() -> ets:info(?KEYS, size).

init([]) ->
    process_flag(trap_exit, true),
    ?KEYS = ets:new(?KEYS, [set, public, named_table,
                            {read_concurrency, true}, {write_concurrency, true}]),
    ?PIDS = ets:new(?PIDS, [bag, public, named_table, {write_concurrency, true}]),
    ?WATCH = ets:new(?WATCH, [bag, public, named_table, {write_concurrency, true}]),
    {ok, nostate}.

handle_call(_Req, _From, S) -> {reply, {error, unknown_call}, S}.

handle_cast(_Msg, S) -> {noreply, S}.

handle_info({'EXIT', Pid, _Reason}, S) ->
    [ets:delete_object(?KEYS, {Key, Pid}) || {_, Key} <- ets:take(?PIDS, Pid)],
    {noreply, S};
handle_info(_Msg, S) ->
    {noreply, S}.
