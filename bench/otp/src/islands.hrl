%% Shared records of the Islands engine.
%%
%% The book's structs map to records; its plain maps stay maps:
%%   %Coordinate{row, col}   -> {Row, Col}            (a 2-tuple; compact and canonical)
%%   %Island{}               -> #island{}             (cells are ordsets of coordinates)
%%   %Guesses{}              -> #guesses{}            (ordsets of coordinates)
%%   %Rules{}                -> #rules{}
%%   board                   -> #{Type => #island{}}  (plain map, as in the book)
%%   player                  -> #{name, board, guesses} (plain map, as in the book)
%%   game state              -> #{player1, player2, rules} (plain map, as in the book)
%% ordsets are sorted lists, so equal sets are equal terms: states compare with =:=.

-record(island, {coordinates = [] :: ordsets:ordset(islands_coordinate:coordinate()),
                 hit_coordinates = [] :: ordsets:ordset(islands_coordinate:coordinate())}).

-record(guesses, {hits = [] :: ordsets:ordset(islands_coordinate:coordinate()),
                  misses = [] :: ordsets:ordset(islands_coordinate:coordinate())}).

-record(rules, {state = initialized :: initialized | players_set | player1_turn
                                     | player2_turn | game_over,
                player1 = islands_not_set :: islands_not_set | islands_set,
                player2 = islands_not_set :: islands_not_set | islands_set}).
