-module(islands_store).
%% Where game states are saved: the book's public named ETS table `game_state`
%% (default), or, for the `durable` benchmark only, a DETS file synced after every write.
%%
%% The choice is made once at application start and kept in a persistent_term, so a
%% save costs one persistent_term:get/1 plus the write.
-export([open/1, close/0, save/2, lookup/1, delete/1]).

-define(TAB, game_state).
-define(KEY, {?MODULE, backend}).

%% Called by the application start process, which becomes the table owner.
open(ets) ->
    ?TAB = ets:new(?TAB, [set, public, named_table, {write_concurrency, true}]),
    persistent_term:put(?KEY, ets);
open({dets, File}) ->
    {ok, ?TAB} = dets:open_file(?TAB, [{file, File}, {type, set}, {repair, true}]),
    persistent_term:put(?KEY, dets).

close() ->
    case persistent_term:get(?KEY, undefined) of
        dets -> dets:close(?TAB);
        _ -> ok
    end,
    persistent_term:erase(?KEY),
    ok.

save(Name, State) ->
    case persistent_term:get(?KEY) of
        ets -> ets:insert(?TAB, {Name, State});
        dets -> ok = dets:insert(?TAB, {Name, State}), ok = dets:sync(?TAB), true
    end.

lookup(Name) ->
    case persistent_term:get(?KEY) of
        ets -> ets:lookup(?TAB, Name);
        dets -> dets:lookup(?TAB, Name)
    end.

delete(Name) ->
    case persistent_term:get(?KEY) of
        ets -> ets:delete(?TAB, Name);
        dets -> ok = dets:delete(?TAB, Name), ok = dets:sync(?TAB), true
    end.
