package io.islands.server.game;

import io.islands.engine.game.GameState;
import io.islands.engine.game.GameStateJson;
import io.islands.storage.StateCodec;

/** The engine's versioned game JSON as a store codec. */
public enum GameStateCodec implements StateCodec<GameState> {
    INSTANCE;

    @Override
    public String encode(GameState state) {
        return GameStateJson.toJson(state);
    }

    @Override
    public GameState decode(String json) {
        return GameStateJson.fromJson(json);
    }
}
