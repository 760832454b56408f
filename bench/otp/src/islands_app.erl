-module(islands_app).
%% The engine application: create the `game_state` table (public, named; owned by the
%% application's start process, never by a game), then start the supervision tree.
-behaviour(application).
-export([start/2, stop/1]).

start(_Type, _Args) ->
    islands_store:open(application:get_env(islands, store, ets)),
    islands_sup:start_link().

stop(_State) ->
    islands_store:close().
