package io.islands.runtime.table;

import java.util.BitSet;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Objects;

/**
 * The cheap check that keys and values are not obviously mutable: one {@link ClassValue}
 * lookup per object, the verdict computed once per class. It looks at the object's class only,
 * never inside it.
 */
final class Immutability {
    /** Per class: why its instances are mutable, or null if they are not known to be. */
    private static final ClassValue<String> MUTABLE = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return mutability(type);
        }
    };

    private Immutability() {}

    /** @throws NullPointerException for null; IllegalArgumentException for a known mutable object */
    static void check(Object o, String what) {
        if (o instanceof String || o instanceof Long || o instanceof Integer || o instanceof Record) {
            return; // the common immutable cases, without the class lookup
        }
        Objects.requireNonNull(o, what);
        String why = MUTABLE.get(o.getClass());
        if (why != null) {
            throw new IllegalArgumentException("a table " + what + " must be immutable, and a "
                    + o.getClass().getName() + " is " + why
                    + ": store an immutable copy (List.copyOf, Map.copyOf, a record, a String)");
        }
    }

    /** Checks a key and its value. */
    static void checkObject(Object key, Object value) {
        check(key, "key");
        check(value, "value");
    }

    static String mutability(Class<?> type) {
        if (type.isArray()) {
            return "an array";
        }
        if (type == StringBuilder.class || type == StringBuffer.class) {
            return "a mutable character sequence";
        }
        if (Date.class.isAssignableFrom(type) || Calendar.class.isAssignableFrom(type) || type == BitSet.class) {
            return "mutable";
        }
        String name = type.getName();
        if (name.startsWith("java.util.concurrent.atomic.")) {
            return "an atomic variable";
        }
        boolean container = Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
        if (container && name.startsWith("java.util.") && !immutableJdkContainer(name)) {
            return "a mutable collection";
        }
        return null;
    }

    /** @return whether a java.util container class is one of the unmodifiable ones */
    private static boolean immutableJdkContainer(String name) {
        return name.startsWith("java.util.ImmutableCollections$")
                || name.startsWith("java.util.Collections$Unmodifiable")
                || name.startsWith("java.util.Collections$Empty")
                || name.startsWith("java.util.Collections$Singleton");
    }
}
