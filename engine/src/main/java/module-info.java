/**
 * The Islands game: its rules as pure functions over immutable values ({@code
 * io.islands.engine.game}) and games as checkpointed processes ({@code
 * io.islands.engine.process}). Both packages are API; Jackson's types appear in the state's JSON
 * codec, hence {@code requires transitive}.
 */
module io.islands.engine {
    requires transitive io.islands.runtime;
    requires transitive com.fasterxml.jackson.databind;

    exports io.islands.engine.game;
    exports io.islands.engine.process;
}
