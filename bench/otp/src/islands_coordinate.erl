-module(islands_coordinate).
%% A board coordinate: {Row, Col}, both integers in 1..10; and sets of them as bitmasks.
-export([new/2, bit/1, to_list/1]).
-export_type([coordinate/0, mask/0]).

-type coordinate() :: {1..10, 1..10}.
%% A set of coordinates: bit (Row - 1) * 10 + (Col - 1) set for each member.
-type mask() :: non_neg_integer().

-define(IN_RANGE(X), (is_integer(X) andalso X >= 1 andalso X =< 10)).

-spec new(term(), term()) -> {ok, coordinate()} | {error, invalid_coordinate}.
new(Row, Col) when ?IN_RANGE(Row), ?IN_RANGE(Col) -> {ok, {Row, Col}};
new(_, _) -> {error, invalid_coordinate}.

%% The one-member set of a coordinate.
-spec bit(coordinate()) -> mask().
bit({Row, Col}) -> 1 bsl ((Row - 1) * 10 + (Col - 1)).

%% The members of a set, sorted as an ordset of {Row, Col} (the replies' form).
-spec to_list(mask()) -> ordsets:ordset(coordinate()).
to_list(Mask) -> [{I div 10 + 1, I rem 10 + 1} || I <- lists:seq(0, 99), Mask band (1 bsl I) =/= 0].
