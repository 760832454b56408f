-module(islands_guesses).
%% The guesses a player made against the opponent's board (hits and misses as bitmasks).
-include("islands.hrl").
-export([new/0, add/3]).
-export_type([guesses/0]).

-type guesses() :: #guesses{}.

-spec new() -> guesses().
new() -> #guesses{}.

%% A repeated guess returns the same term (no new record is built).
-spec add(guesses(), hit | miss, islands_coordinate:coordinate()) -> guesses().
add(#guesses{hits = Hits} = G, hit, C) ->
    case Hits bor islands_coordinate:bit(C) of
        Hits -> G;
        Hits1 -> G#guesses{hits = Hits1}
    end;
add(#guesses{misses = Misses} = G, miss, C) ->
    case Misses bor islands_coordinate:bit(C) of
        Misses -> G;
        Misses1 -> G#guesses{misses = Misses1}
    end.
