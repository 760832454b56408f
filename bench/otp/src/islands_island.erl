-module(islands_island).
%% An island: a set of cells plus the set of cells already hit.
-include("islands.hrl").
-export([types/0, new/2, guess/2, forested/1, overlaps/2]).
-export_type([type/0, island/0]).

-type type() :: atoll | dot | l_shape | s_shape | square.
-type island() :: #island{}.

-spec types() -> [type()].
types() -> [atoll, dot, l_shape, s_shape, square].

-spec new(term(), islands_coordinate:coordinate()) ->
          {ok, island()} | {error, invalid_island_type | invalid_coordinate}.
new(Type, {Row, Col}) ->
    case offsets(Type) of
        {error, _} = Error -> Error;
        Offsets -> add_coordinates(Offsets, Row, Col, [])
    end.

add_coordinates([], _Row, _Col, Acc) ->
    {ok, #island{coordinates = ordsets:from_list(Acc)}};
add_coordinates([{DR, DC} | Rest], Row, Col, Acc) ->
    case islands_coordinate:new(Row + DR, Col + DC) of
        {ok, C} -> add_coordinates(Rest, Row, Col, [C | Acc]);
        {error, _} = Error -> Error
    end.

offsets(square)  -> [{0, 0}, {0, 1}, {1, 0}, {1, 1}];
offsets(atoll)   -> [{0, 0}, {0, 1}, {1, 1}, {2, 0}, {2, 1}];
offsets(dot)     -> [{0, 0}];
offsets(l_shape) -> [{0, 0}, {1, 0}, {2, 0}, {2, 1}];
offsets(s_shape) -> [{0, 1}, {0, 2}, {1, 0}, {1, 1}];
offsets(_)       -> {error, invalid_island_type}.

-spec guess(island(), islands_coordinate:coordinate()) -> {hit, island()} | miss.
guess(#island{coordinates = Cs, hit_coordinates = Hits} = Island, C) ->
    case ordsets:is_element(C, Cs) of
        true -> {hit, Island#island{hit_coordinates = ordsets:add_element(C, Hits)}};
        false -> miss
    end.

-spec forested(island()) -> boolean().
forested(#island{coordinates = Cs, hit_coordinates = Hits}) -> Cs =:= Hits.

-spec overlaps(island(), island()) -> boolean().
overlaps(#island{coordinates = A}, #island{coordinates = B}) ->
    not ordsets:is_disjoint(A, B).
