-module(islands_sup).
%% Top supervisor (the book's IslandsEngine.Supervisor): the registry, then the games.
-behaviour(supervisor).
-export([start_link/0, init/1]).

start_link() ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, []).

init([]) ->
    SupFlags = #{strategy => one_for_one, intensity => 3, period => 5},
    Children = [#{id => islands_registry,
                  start => {islands_registry, start_link, []},
                  type => worker},
                #{id => islands_game_sup,
                  start => {islands_game_sup, start_link, []},
                  type => supervisor,
                  shutdown => infinity}],
    {ok, {SupFlags, Children}}.
