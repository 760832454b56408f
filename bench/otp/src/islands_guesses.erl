-module(islands_guesses).
%% The guesses a player made against the opponent's board.
-include("islands.hrl").
-export([new/0, add/3]).
-export_type([guesses/0]).

-type guesses() :: #guesses{}.

-spec new() -> guesses().
new() -> #guesses{}.

-spec add(guesses(), hit | miss, islands_coordinate:coordinate()) -> guesses().
add(#guesses{hits = Hits} = G, hit, C) -> G#guesses{hits = ordsets:add_element(C, Hits)};
add(#guesses{misses = Misses} = G, miss, C) -> G#guesses{misses = ordsets:add_element(C, Misses)}.
