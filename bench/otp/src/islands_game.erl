-module(islands_game).
%% One process per game (the book's Game GenServer).
%%
%% - Registered as {via, islands_registry, Name}; Name (a binary) is player 1's name,
%%   the ETS key and the registry key.
%% - State: the book's plain map #{player1, player2, rules}.
%% - Every successful call saves {Name, State} in the `game_state` table *before*
%%   replying; failed calls save nothing and discard every partial change.
%% - Restore: init/1 returns {continue, {set_state, Name}}; handle_continue/2 reads
%%   the saved state (or keeps the fresh one) and saves it. The book sends itself a
%%   {set_state, Name} message instead; with via-registration happening *before*
%%   init/1, a call by name could overtake that message, while a continue is
%%   guaranteed to run before any other message is handled.
%% - Idle timeout: 24 h, armed by the restore and by every successful reply; error
%%   replies carry no timeout (book-faithful). On timeout: stop {shutdown, timeout},
%%   and terminate/2 deletes the saved state.
%% - No catch-all handle_info: a stray message crashes the game, which the transient
%%   restart then recovers from the table (book-faithful).
%%
%% The call handling itself is the pure function handle_request/2, also used by the
%% benchmark's recovery check to model the expected state.
-behaviour(gen_server).
-include("islands.hrl").

-export([start_link/1, via_tuple/1,
         add_player/2, position_island/5, set_islands/2, guess_coordinate/4,
         get_state/1]).
-export([fresh_state/1, handle_request/2]).
-export([init/1, handle_continue/2, handle_call/3, handle_cast/2, handle_info/2,
         terminate/2]).

-define(TIMEOUT, 86400000). % 24 h, as in the book

-define(IS_PLAYER(P), (P =:= player1 orelse P =:= player2)).

-type game() :: pid() | {via, islands_registry, binary()}.
-type player() :: player1 | player2.

%%% API

-spec start_link(binary()) -> {ok, pid()} | {error, term()}.
start_link(Name) when is_binary(Name) ->
    gen_server:start_link(via_tuple(Name), ?MODULE, Name, []).

-spec via_tuple(binary()) -> {via, islands_registry, binary()}.
via_tuple(Name) -> {via, islands_registry, Name}.

-spec add_player(game(), binary()) -> ok | error.
add_player(Game, Name) when is_binary(Name) ->
    call(Game, {add_player, Name}).

-spec position_island(game(), player(), atom(), term(), term()) ->
          ok | error | {error, invalid_coordinate | invalid_island_type | overlapping_island}.
position_island(Game, Player, Key, Row, Col) when ?IS_PLAYER(Player) ->
    call(Game, {position_island, Player, Key, Row, Col}).

-spec set_islands(game(), player()) ->
          {ok, #{islands_island:type() => map()}} | error | {error, not_all_islands_positioned}.
set_islands(Game, Player) when ?IS_PLAYER(Player) ->
    call(Game, {set_islands, Player}).

-spec guess_coordinate(game(), player(), term(), term()) ->
          {hit | miss, islands_island:type() | none, win | no_win}
        | error | {error, invalid_coordinate}.
guess_coordinate(Game, Player, Row, Col) when ?IS_PLAYER(Player) ->
    call(Game, {guess_coordinate, Player, Row, Col}).

%% Not in the book: read the current state (used by tests and benchmarks).
get_state(Game) ->
    call(Game, get_state).

%% A call by name resolves the pid with one ETS lookup (islands_registry:lookup/1,
%% no liveness check) and calls the pid: a stale entry of a game that just died
%% exits with noproc, like an unregistered name. See islands_registry for why the
%% generic via path (gen:call -> whereis_name/1) is avoided here.
call({via, islands_registry, Name}, Request) ->
    case islands_registry:lookup(Name) of
        undefined -> exit({noproc, {gen_server, call, [via_tuple(Name), Request]}});
        Pid -> gen_server:call(Pid, Request)
    end;
call(Pid, Request) ->
    gen_server:call(Pid, Request).

%%% Pure core

fresh_state(Name) ->
    #{player1 => #{name => Name, board => islands_board:new(),
                   guesses => islands_guesses:new()},
      player2 => #{name => nil, board => islands_board:new(),
                   guesses => islands_guesses:new()},
      rules => islands_rules:new()}.

%% {ok, Reply, NewState} on success, {error, Reply} on failure (state unchanged).
-spec handle_request(term(), map()) -> {ok, term(), map()} | {error, term()}.
handle_request({add_player, Name}, #{rules := Rules, player2 := P2} = State) ->
    case islands_rules:check(Rules, add_player) of
        {ok, Rules1} -> {ok, ok, State#{player2 := P2#{name := Name}, rules := Rules1}};
        error -> {error, error}
    end;
handle_request({position_island, Player, Key, Row, Col}, #{rules := Rules} = State) ->
    #{board := Board} = PlayerMap = maps:get(Player, State),
    case islands_rules:check(Rules, {position_islands, Player}) of
        {ok, Rules1} ->
            case islands_coordinate:new(Row, Col) of
                {ok, UpperLeft} ->
                    case islands_island:new(Key, UpperLeft) of
                        {ok, Island} ->
                            case islands_board:position_island(Board, Key, Island) of
                                {error, _} = Error -> {error, Error};
                                Board1 ->
                                    {ok, ok, State#{Player := PlayerMap#{board := Board1},
                                                    rules := Rules1}}
                            end;
                        Error -> {error, Error}
                    end;
                Error -> {error, Error}
            end;
        error -> {error, error}
    end;
handle_request({set_islands, Player}, #{rules := Rules} = State) ->
    #{board := Board} = maps:get(Player, State),
    case islands_rules:check(Rules, {set_islands, Player}) of
        {ok, Rules1} ->
            case islands_board:all_islands_positioned(Board) of
                true -> {ok, {ok, islands_board:to_reply(Board)}, State#{rules := Rules1}};
                false -> {error, {error, not_all_islands_positioned}}
            end;
        error -> {error, error}
    end;
handle_request({guess_coordinate, Player, Row, Col}, #{rules := Rules} = State) ->
    Opponent = opponent(Player),
    case islands_rules:check(Rules, {guess_coordinate, Player}) of
        {ok, Rules1} ->
            case islands_coordinate:new(Row, Col) of
                {ok, C} ->
                    #{board := OppBoard} = OppMap = maps:get(Opponent, State),
                    {HitOrMiss, Forested, Win, OppBoard1} = islands_board:guess(OppBoard, C),
                    case islands_rules:check(Rules1, {win_check, Win}) of
                        {ok, Rules2} ->
                            #{guesses := Guesses} = PlayerMap = maps:get(Player, State),
                            Guesses1 = islands_guesses:add(Guesses, HitOrMiss, C),
                            {ok, {HitOrMiss, Forested, Win},
                             State#{Opponent := OppMap#{board := OppBoard1},
                                    Player := PlayerMap#{guesses := Guesses1},
                                    rules := Rules2}};
                        error -> {error, error}
                    end;
                Error -> {error, Error}
            end;
        error -> {error, error}
    end.

opponent(player1) -> player2;
opponent(player2) -> player1.

%%% gen_server callbacks

init(Name) ->
    {ok, fresh_state(Name), {continue, {set_state, Name}}}.

handle_continue({set_state, Name}, Fresh) ->
    State = case islands_store:lookup(Name) of
                [] -> Fresh;
                [{_, Saved}] -> Saved
            end,
    islands_store:save(Name, State),
    {noreply, State, ?TIMEOUT}.

handle_call(get_state, _From, State) ->
    {reply, State, State, ?TIMEOUT};
handle_call(Request, _From, #{player1 := #{name := Name}} = State) ->
    case handle_request(Request, State) of
        {ok, Reply, State1} ->
            islands_store:save(Name, State1),
            {reply, Reply, State1, ?TIMEOUT};
        {error, Reply} ->
            {reply, Reply, State}
    end.

%% The book's Game has no casts; like Elixir's default handle_cast, crash.
handle_cast(Msg, _State) ->
    erlang:error({unexpected_cast, Msg}).

handle_info(timeout, State) ->
    {stop, {shutdown, timeout}, State}.

terminate({shutdown, timeout}, #{player1 := #{name := Name}}) ->
    islands_store:delete(Name),
    ok;
terminate(_Reason, _State) ->
    ok.
