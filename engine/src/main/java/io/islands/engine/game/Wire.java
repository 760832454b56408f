package io.islands.engine.game;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Wire names of enums: the book's atom spelling, i.e. the lower-case constant name. */
final class Wire {
    private Wire() {}

    /** The atom spelling of a constant, e.g. {@code L_SHAPE} becomes {@code "l_shape"}. */
    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose atom spelling is {@code wire}; empty for null or unknown. */
    static <E extends Enum<E>> Optional<E> lookup(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> of(e).equals(wire)).findFirst();
    }
}
