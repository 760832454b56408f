-module(islands_board).
%% A board: a plain map island type => island.
-include("islands.hrl").
-export([new/0, position_island/3, all_islands_positioned/1, guess/2, to_reply/1]).
-export_type([board/0]).

-type board() :: #{islands_island:type() => islands_island:island()}.

-spec new() -> board().
new() -> #{}.

%% Returns the updated board itself, or {error, overlapping_island}.
-spec position_island(board(), islands_island:type(), islands_island:island()) ->
          board() | {error, overlapping_island}.
position_island(Board, Key, Island) ->
    Overlaps = maps:fold(fun(K, Other, Acc) ->
                                 Acc orelse (K =/= Key andalso
                                             islands_island:overlaps(Other, Island))
                         end, false, Board),
    case Overlaps of
        true -> {error, overlapping_island};
        false -> Board#{Key => Island}
    end.

-spec all_islands_positioned(board()) -> boolean().
all_islands_positioned(Board) ->
    lists:all(fun(T) -> is_map_key(T, Board) end, islands_island:types()).

-spec guess(board(), islands_coordinate:coordinate()) ->
          {hit | miss, islands_island:type() | none, win | no_win, board()}.
guess(Board, C) ->
    case hit_island(maps:iterator(Board), C) of
        none ->
            {miss, none, no_win, Board};
        {Key, Island} ->
            Board1 = Board#{Key := Island},
            Forested = case islands_island:forested(Island) of
                           true -> Key;
                           false -> none
                       end,
            {hit, Forested, win_check(Board1), Board1}
    end.

hit_island(Iter, C) ->
    case maps:next(Iter) of
        none -> none;
        {Key, Island, Next} ->
            case islands_island:guess(Island, C) of
                {hit, Hit} -> {Key, Hit};
                miss -> hit_island(Next, C)
            end
    end.

win_check(Board) ->
    case lists:all(fun islands_island:forested/1, maps:values(Board)) of
        true -> win;
        false -> no_win
    end.

%% The board as the book's set_islands reply shows it: type => #{coordinates,
%% hit_coordinates}, each an ordset of {Row, Col} (built here only, not kept).
-spec to_reply(board()) -> #{islands_island:type() => map()}.
to_reply(Board) -> maps:map(fun(_Type, Island) -> islands_island:to_reply(Island) end, Board).
