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
%% - Because cleanup lags, lookups check is_process_alive/1 (a stale entry reads as
%%   not registered), and registering over a stale entry of a dead pid replaces it.
%%   This is what makes an immediate supervisor restart under the same name work.
%% - Registration, lookup and send never go through the registry process: they are
%%   plain ETS operations in the caller. Only death cleanup does.
-behaviour(gen_server).

-export([start_link/0, register_name/2, unregister_name/1, whereis_name/1, send/2,
         count/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

-define(KEYS, islands_registry).
-define(PIDS, islands_registry_pids).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

%% Called by gen:start in the new process itself, before its init/1.
-spec register_name(term(), pid()) -> yes | no.
register_name(Key, Pid) when Pid =:= self() ->
    link(whereis(?MODULE)),
    ets:insert(?PIDS, {Pid, Key}),
    case insert_key(Key, Pid) of
        yes -> yes;
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
    {ok, nostate}.

handle_call(_Req, _From, S) -> {reply, {error, unknown_call}, S}.

handle_cast(_Msg, S) -> {noreply, S}.

handle_info({'EXIT', Pid, _Reason}, S) ->
    [ets:delete_object(?KEYS, {Key, Pid}) || {_, Key} <- ets:take(?PIDS, Pid)],
    {noreply, S};
handle_info(_Msg, S) ->
    {noreply, S}.
