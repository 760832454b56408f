package io.islands.engine.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoardTest {

    private static Island island(String type, int row, int col) {
        return Island.create(type, new Coordinate(row, col)).toOptional().orElseThrow();
    }

    private static Board board(Island... islands) {
        Board board = Board.empty();
        for (Island island : islands) {
            board = board.positionIsland(island).toOptional().orElseThrow();
        }
        return board;
    }

    private static Board demoBoard() {
        Board board = Board.empty();
        for (TestGames.Placement p : TestGames.DEMO) {
            board = board.positionIsland(island(p.type(), p.row(), p.col())).toOptional().orElseThrow();
        }
        return board;
    }

    @Test
    void positioningOverAnotherTypeIsOverlapping() {
        Board board = board(island("square", 1, 1));
        assertThat(board.positionIsland(island("dot", 2, 2))).isEqualTo(Checked.err(GameError.OVERLAPPING_ISLAND));
        assertThat(board.positionIsland(island("dot", 3, 3)).toOptional()).isPresent();
    }

    @Test
    void positioningTheSameTypeAgainMovesItAndItsOldCellsDoNotCount() {
        Board board = board(island("square", 1, 1), island("square", 2, 2));
        assertThat(board.islands()).containsOnlyKeys(IslandType.SQUARE);
        assertThat(board.islands().get(IslandType.SQUARE)).isEqualTo(island("square", 2, 2));
        // the old cell (1,1) is free again
        assertThat(board.positionIsland(island("dot", 1, 1)).toOptional()).isPresent();
    }

    @Test
    void touchingIslandsAreFine() {
        Board board = board(island("square", 1, 1), island("dot", 1, 3), island("atoll", 3, 1));
        assertThat(board.islands()).hasSize(3);
    }

    @Test
    void allIslandsPositionedOnlyWithAllFiveTypes() {
        Board board = Board.empty();
        for (TestGames.Placement p : TestGames.DEMO) {
            assertThat(board.allIslandsPositioned()).isFalse();
            board = board.positionIsland(island(p.type(), p.row(), p.col())).toOptional().orElseThrow();
        }
        assertThat(board.allIslandsPositioned()).isTrue();
        assertThat(board.islands().values().stream().mapToInt(i -> i.coordinates().size()).sum()).isEqualTo(18);
    }

    @Test
    void missChangesNothing() {
        Board board = demoBoard();
        assertThat(board.guess(new Coordinate(10, 10)))
                .isEqualTo(new GuessResult(false, Optional.empty(), false, board));
    }

    @Test
    void hitRecordsTheCellWithoutForestOrWin() {
        GuessResult result = demoBoard().guess(new Coordinate(1, 1));
        assertThat(result.hit()).isTrue();
        assertThat(result.forested()).isEmpty();
        assertThat(result.win()).isFalse();
        assertThat(result.board().islands().get(IslandType.ATOLL).hitCoordinates()).containsExactly(new Coordinate(1, 1));
    }

    @Test
    void forestingAnIslandReportsItsTypeAndARepeatedHitReportsItAgain() {
        GuessResult first = demoBoard().guess(new Coordinate(1, 5));
        assertThat(first.forested()).contains(IslandType.DOT);
        assertThat(first.win()).isFalse();

        GuessResult again = first.board().guess(new Coordinate(1, 5));
        assertThat(again).isEqualTo(new GuessResult(true, Optional.of(IslandType.DOT), false, first.board()));

        GuessResult other = first.board().guess(new Coordinate(5, 5));
        assertThat(other.forested()).isEmpty();
    }

    @Test
    void winOnceEveryIslandOnTheBoardIsForested() {
        Board board = demoBoard();
        GuessResult result = null;
        for (var island : TestGames.DEMO_CELLS) {
            for (Coordinate cell : island) {
                assertThat(result == null || !result.win()).isTrue();
                result = board.guess(cell);
                board = result.board();
            }
        }
        assertThat(result.win()).isTrue();
        assertThat(result.forested()).contains(IslandType.SQUARE);
        assertThat(board.guess(new Coordinate(6, 6)).win()).as("a repeated hit wins again").isTrue();
    }

    @Test
    void winCountsOnlyTheIslandsPresent() {
        GuessResult result = board(island("dot", 4, 4)).guess(new Coordinate(4, 4));
        assertThat(result).isEqualTo(new GuessResult(true, Optional.of(IslandType.DOT), true, result.board()));
        assertThat(Board.empty().guess(new Coordinate(4, 4)).win()).isFalse();
    }

    @Test
    void constructorRefusesMisfiledAndOverlappingIslands() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Board(Map.of(IslandType.SQUARE, island("dot", 1, 1))))
                .withMessage("a dot stored as square");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Board(Map.of(IslandType.SQUARE, island("square", 1, 1), IslandType.DOT, island("dot", 2, 2))))
                .withMessageContaining("overlaps");
    }
}
