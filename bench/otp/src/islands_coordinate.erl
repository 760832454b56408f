-module(islands_coordinate).
%% A board coordinate: {Row, Col}, both integers in 1..10.
-export([new/2]).
-export_type([coordinate/0]).

-type coordinate() :: {1..10, 1..10}.

-define(IN_RANGE(X), (is_integer(X) andalso X >= 1 andalso X =< 10)).

-spec new(term(), term()) -> {ok, coordinate()} | {error, invalid_coordinate}.
new(Row, Col) when ?IN_RANGE(Row), ?IN_RANGE(Col) -> {ok, {Row, Col}};
new(_, _) -> {error, invalid_coordinate}.
