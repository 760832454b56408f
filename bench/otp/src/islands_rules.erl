-module(islands_rules).
%% The game's state machine (book section "Rules"): check/2 returns {ok, Rules} or error.
-include("islands.hrl").
-export([new/0, check/2]).
-export_type([rules/0, action/0]).

-type rules() :: #rules{}.
-type player() :: player1 | player2.
-type action() :: add_player | {position_islands, player()} | {set_islands, player()}
                | {guess_coordinate, player()} | {win_check, win | no_win}.

-spec new() -> rules().
new() -> #rules{}.

-spec check(rules(), action()) -> {ok, rules()} | error.
check(#rules{state = initialized} = R, add_player) ->
    {ok, R#rules{state = players_set}};
check(#rules{state = players_set} = R, {position_islands, P}) when P =:= player1; P =:= player2 ->
    case player_state(R, P) of
        islands_not_set -> {ok, R};
        islands_set -> error
    end;
check(#rules{state = players_set} = R, {set_islands, P}) when P =:= player1; P =:= player2 ->
    R1 = set_player_state(R, P, islands_set),
    case R1 of
        #rules{player1 = islands_set, player2 = islands_set} ->
            {ok, R1#rules{state = player1_turn}};
        _ ->
            {ok, R1}
    end;
check(#rules{state = player1_turn} = R, {guess_coordinate, player1}) ->
    {ok, R#rules{state = player2_turn}};
check(#rules{state = player1_turn} = R, {win_check, no_win}) ->
    {ok, R};
check(#rules{state = player1_turn} = R, {win_check, win}) ->
    {ok, R#rules{state = game_over}};
check(#rules{state = player2_turn} = R, {guess_coordinate, player2}) ->
    {ok, R#rules{state = player1_turn}};
check(#rules{state = player2_turn} = R, {win_check, no_win}) ->
    {ok, R};
check(#rules{state = player2_turn} = R, {win_check, win}) ->
    {ok, R#rules{state = game_over}};
check(_Rules, _Action) ->
    error.

player_state(#rules{player1 = S}, player1) -> S;
player_state(#rules{player2 = S}, player2) -> S.

set_player_state(R, player1, S) -> R#rules{player1 = S};
set_player_state(R, player2, S) -> R#rules{player2 = S}.
