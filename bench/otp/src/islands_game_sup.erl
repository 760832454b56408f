-module(islands_game_sup).
%% The book's GameSupervisor: simple_one_for_one over islands_game, transient children.
-behaviour(supervisor).
-export([start_link/0, start_game/1, stop_game/1]).
-export([init/1]).

start_link() ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, []).

-spec start_game(binary()) -> {ok, pid()} | {error, term()}.
start_game(Name) ->
    supervisor:start_child(?MODULE, [Name]).

%% Book order: delete the saved state first, then terminate the child. With no such
%% game, supervisor:terminate_child/2 answers {error, simple_one_for_one} (as the book's,
%% where GenServer.whereis/1 gives nil).
-spec stop_game(binary()) -> ok | {error, term()}.
stop_game(Name) ->
    islands_store:delete(Name),
    supervisor:terminate_child(?MODULE, islands_registry:whereis_name(Name)).

init([]) ->
    %% Elixir's default restart intensity (3 restarts in 5 s), which the book runs with.
    %% Benchmarks that kill games on purpose raise it through the application env.
    Intensity = application:get_env(islands, restart_intensity, 3),
    Period = application:get_env(islands, restart_period, 5),
    SupFlags = #{strategy => simple_one_for_one, intensity => Intensity, period => Period},
    Game = #{id => islands_game,
             start => {islands_game, start_link, []},
             restart => transient,
             shutdown => 5000,
             type => worker,
             modules => [islands_game]},
    {ok, {SupFlags, [Game]}}.
