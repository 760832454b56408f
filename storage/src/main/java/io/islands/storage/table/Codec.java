package io.islands.storage.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a disk table turns keys or values into bytes and back. Two objects are the same key (or,
 * in a bag, the same value) when their encodings are equal, so an encoding must be
 * deterministic. An {@linkplain #orderPreserving() order-preserving} codec encodes so that the
 * bytes compare (unsigned, byte by byte, as SQLite compares BLOBs) as the objects do: only such
 * a codec can key an ordered_set.
 *
 * <table>
 *   <caption>The codecs given here</caption>
 *   <tr><th>codec</th><th>encoding</th><th>order-preserving</th></tr>
 *   <tr><td>{@link #strings()}</td><td>UTF-8</td><td>yes: by code point (which is {@link String#compareTo}
 *       except for characters outside the BMP against U+E000..U+FFFF)</td></tr>
 *   <tr><td>{@link #longs()}, {@link #integers()}</td><td>big-endian, sign bit flipped (8 or 4 bytes)</td><td>yes: numeric</td></tr>
 *   <tr><td>{@link #json(Class)}, {@link #json(TypeReference)}</td><td>Jackson JSON, map entries and properties sorted</td><td>no</td></tr>
 * </table>
 *
 * @param <T> the type encoded
 */
public interface Codec<T> {
    byte[] encode(T value);

    T decode(byte[] bytes);

    /** @return whether byte order (unsigned, lexicographic) is this type's order */
    default boolean orderPreserving() {
        return false;
    }

    /** @return UTF-8 strings, ordered by code point */
    static Codec<String> strings() {
        return Builtin.STRINGS;
    }

    /** @return the codec behind {@link #strings()} (made once: options compare codecs with equals) */
    private static Codec<String> newStrings() {
        return new Codec<>() {
            @Override
            public byte[] encode(String value) {
                return value.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String decode(byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }

            @Override
            public boolean orderPreserving() {
                return true;
            }

            @Override
            public String toString() {
                return "strings";
            }
        };
    }

    /** @return longs as 8 big-endian bytes with the sign bit flipped: numeric order */
    static Codec<Long> longs() {
        return Builtin.LONGS;
    }

    /** @return the codec behind {@link #longs()} (made once: options compare codecs with equals) */
    private static Codec<Long> newLongs() {
        return new Codec<>() {
            @Override
            public byte[] encode(Long value) {
                return ByteBuffer.allocate(8).putLong(value ^ Long.MIN_VALUE).array();
            }

            @Override
            public Long decode(byte[] bytes) {
                return ByteBuffer.wrap(bytes).getLong() ^ Long.MIN_VALUE;
            }

            @Override
            public boolean orderPreserving() {
                return true;
            }

            @Override
            public String toString() {
                return "longs";
            }
        };
    }

    /** @return ints as 4 big-endian bytes with the sign bit flipped: numeric order */
    static Codec<Integer> integers() {
        return Builtin.INTEGERS;
    }

    /** @return the codec behind {@link #integers()} (made once: options compare codecs with equals) */
    private static Codec<Integer> newIntegers() {
        return new Codec<>() {
            @Override
            public byte[] encode(Integer value) {
                return ByteBuffer.allocate(4).putInt(value ^ Integer.MIN_VALUE).array();
            }

            @Override
            public Integer decode(byte[] bytes) {
                return ByteBuffer.wrap(bytes).getInt() ^ Integer.MIN_VALUE;
            }

            @Override
            public boolean orderPreserving() {
                return true;
            }

            @Override
            public String toString() {
                return "integers";
            }
        };
    }

    /** @return JSON through Jackson, for values (or keys of an unordered table) of {@code type} */
    static <T> Codec<T> json(Class<T> type) {
        return new Json<>(Json.MAPPER.constructType(type));
    }

    /** @return JSON through Jackson, for a generic type such as {@code List<String>} */
    static <T> Codec<T> json(TypeReference<T> type) {
        return new Json<>(Json.MAPPER.constructType(type));
    }

    /** The built-in codecs, one instance each, so that options compare equal. */
    final class Builtin {
        static final Codec<String> STRINGS = newStrings();
        static final Codec<Long> LONGS = newLongs();
        static final Codec<Integer> INTEGERS = newIntegers();

        private Builtin() {}
    }

    /** Jackson JSON with a deterministic encoding: sorted properties and map keys. */
    final class Json<T> implements Codec<T> {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .findAndAddModules()
                .build();

        private final JavaType type;

        private Json(JavaType type) {
            this.type = Objects.requireNonNull(type);
        }

        @Override
        public byte[] encode(T value) {
            try {
                return MAPPER.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot encode a " + value.getClass().getName() + " as JSON: "
                        + e.getOriginalMessage(), e);
            }
        }

        @Override
        public T decode(byte[] bytes) {
            try {
                return MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                throw new DiskTableException("cannot decode a stored " + type + ": " + e.getMessage(), e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Json<?> j && j.type.equals(type);
        }

        @Override
        public int hashCode() {
            return type.hashCode();
        }

        @Override
        public String toString() {
            return "json(" + type + ")";
        }
    }
}
