-module(islands_island).
%% An island: a set of cells plus the set of cells already hit (both bitmasks).
-include("islands.hrl").
-export([types/0, new/2, guess/2, forested/1, overlaps/2, coordinates/1, to_reply/1]).
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
        Offsets -> add_coordinates(Offsets, Row, Col, 0)
    end.

add_coordinates([], _Row, _Col, Mask) ->
    {ok, #island{coordinates = Mask}};
add_coordinates([{DR, DC} | Rest], Row, Col, Mask) ->
    case islands_coordinate:new(Row + DR, Col + DC) of
        {ok, C} -> add_coordinates(Rest, Row, Col, Mask bor islands_coordinate:bit(C));
        {error, _} = Error -> Error
    end.

offsets(square)  -> [{0, 0}, {0, 1}, {1, 0}, {1, 1}];
offsets(atoll)   -> [{0, 0}, {0, 1}, {1, 1}, {2, 0}, {2, 1}];
offsets(dot)     -> [{0, 0}];
offsets(l_shape) -> [{0, 0}, {1, 0}, {2, 0}, {2, 1}];
offsets(s_shape) -> [{0, 1}, {0, 2}, {1, 0}, {1, 1}];
offsets(_)       -> {error, invalid_island_type}.

%% A hit on a cell already hit returns the same island.
-spec guess(island(), islands_coordinate:coordinate()) -> {hit, island()} | miss.
guess(#island{coordinates = Cs, hit_coordinates = Hits} = Island, C) ->
    Bit = islands_coordinate:bit(C),
    if
        Cs band Bit =:= 0 -> miss;
        Hits band Bit =/= 0 -> {hit, Island};
        true -> {hit, Island#island{hit_coordinates = Hits bor Bit}}
    end.

-spec forested(island()) -> boolean().
forested(#island{coordinates = Cs, hit_coordinates = Hits}) -> Cs =:= Hits.

-spec overlaps(island(), island()) -> boolean().
overlaps(#island{coordinates = A}, #island{coordinates = B}) -> A band B =/= 0.

%% The island's cells as an ordset of {Row, Col}.
-spec coordinates(island()) -> ordsets:ordset(islands_coordinate:coordinate()).
coordinates(#island{coordinates = Cs}) -> islands_coordinate:to_list(Cs).

%% The book's reply form: #{coordinates, hit_coordinates} as ordsets of {Row, Col}.
-spec to_reply(island()) -> #{coordinates := ordsets:ordset(islands_coordinate:coordinate()),
                              hit_coordinates := ordsets:ordset(islands_coordinate:coordinate())}.
to_reply(#island{coordinates = Cs, hit_coordinates = Hits}) ->
    #{coordinates => islands_coordinate:to_list(Cs),
      hit_coordinates => islands_coordinate:to_list(Hits)}.
