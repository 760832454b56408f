package io.islands.engine.game;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable set of board cells, one bit per cell of the 10×10 board (two longs). It is the
 * {@code Set<Coordinate>} behind {@link Guesses} and {@link Island}: a move tests and adds a
 * cell with a bit operation instead of hashing into a table, and a set costs 32 bytes whatever
 * it holds. It is a plain {@link Set} to its users: equal to (and with the same hash code as)
 * any set of the same coordinates; every mutator throws {@link UnsupportedOperationException};
 * iteration is in row, then column order.
 */
final class CellSet extends AbstractSet<Coordinate> {
    static final CellSet EMPTY = new CellSet(0, 0);

    private final long low; // cells 0..63 by Coordinate.index()
    private final long high; // cells 64..99

    private CellSet(long low, long high) {
        this.low = low;
        this.high = high;
    }

    /**
     * @return {@code cells} itself if it is a CellSet, else a CellSet of the same coordinates
     * @throws NullPointerException if {@code cells} or any element is null
     */
    static CellSet copyOf(Collection<Coordinate> cells) {
        if (cells instanceof CellSet set) {
            return set;
        }
        CellSet out = EMPTY;
        for (Coordinate c : cells) {
            out = out.with(Objects.requireNonNull(c, "a cell is null"));
        }
        return out;
    }

    /** @return this set with {@code cell} added; this set itself if it holds it already */
    CellSet with(Coordinate cell) {
        int i = cell.index();
        return i < 64
                ? ((low & 1L << i) != 0 ? this : new CellSet(low | 1L << i, high))
                : ((high & 1L << (i - 64)) != 0 ? this : new CellSet(low, high | 1L << (i - 64)));
    }

    /** @return whether the two sets share a cell */
    boolean intersects(CellSet other) {
        return (low & other.low) != 0 || (high & other.high) != 0;
    }

    /** @return whether every cell of {@code other} is in this set */
    boolean containsAll(CellSet other) {
        return (other.low & ~low) == 0 && (other.high & ~high) == 0;
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof Coordinate c)) {
            return false;
        }
        int i = c.index();
        return i < 64 ? (low & 1L << i) != 0 : (high & 1L << (i - 64)) != 0;
    }

    @Override
    public int size() {
        return Long.bitCount(low) + Long.bitCount(high);
    }

    @Override
    public Iterator<Coordinate> iterator() {
        return new Iterator<>() {
            private long lo = low;
            private long hi = high;

            @Override
            public boolean hasNext() {
                return (lo | hi) != 0;
            }

            @Override
            public Coordinate next() {
                int i;
                if (lo != 0) {
                    i = Long.numberOfTrailingZeros(lo);
                    lo &= lo - 1;
                } else if (hi != 0) {
                    i = 64 + Long.numberOfTrailingZeros(hi);
                    hi &= hi - 1;
                } else {
                    throw new NoSuchElementException();
                }
                return Coordinate.at(i);
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof CellSet other) {
            return low == other.low && high == other.high;
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode(); // the sum of the elements' hash codes, as every Set
    }
}
