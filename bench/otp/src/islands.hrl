%% Shared records of the Islands engine.
%%
%% The book's structs map to records; its plain maps stay maps:
%%   %Coordinate{row, col}   -> {Row, Col}            (a 2-tuple, in the API and the replies)
%%   %Island{}               -> #island{}             (cells are bitmasks, see below)
%%   %Guesses{}              -> #guesses{}            (bitmasks)
%%   %Rules{}                -> #rules{}
%%   board                   -> #{Type => #island{}}  (plain map, as in the book)
%%   player                  -> #{name, board, guesses} (plain map, as in the book)
%%   game state              -> #{player1, player2, rules} (plain map, as in the book)
%%
%% A set of cells is an integer with bit (Row - 1) * 10 + (Col - 1) set for each cell
%% (islands_coordinate:bit/1), as the Java side's CellSet: a 100-bit integer is a 3-word
%% bignum, so a game near its end is ~120 words instead of ~700 with ordsets of tuples,
%% and every save copies that much less into ETS. Equal sets are equal integers, so
%% states still compare with =:=. Coordinate lists are built only where a reply needs
%% them (set_islands' board, islands_board:to_reply/1).

-record(island, {coordinates = 0 :: islands_coordinate:mask(),
                 hit_coordinates = 0 :: islands_coordinate:mask()}).

-record(guesses, {hits = 0 :: islands_coordinate:mask(),
                  misses = 0 :: islands_coordinate:mask()}).

-record(rules, {state = initialized :: initialized | players_set | player1_turn
                                     | player2_turn | game_over,
                player1 = islands_not_set :: islands_not_set | islands_set,
                player2 = islands_not_set :: islands_not_set | islands_set}).
