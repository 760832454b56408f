package io.islands.runtime.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.runtime.Down;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.table.contract.Actor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ownership (otp-semantics §1.1): owner death, heirs, give-away, names. */
class TableOwnershipTest {

    static Table<String, Long> createIn(Actor owner, TableOptions<String> options) {
        return owner.call(() -> Tables.create(options));
    }

    static TableOptions<String> publicSet() {
        return TableOptions.<String>defaults().withAccess(Access.PUBLIC);
    }

    @Test
    void ownerDeathDeletesTheTableBeforeMonitorsHear() {
        Actor owner = Actor.start();
        Actor watcher = Actor.start();
        Table<String, Long> t = createIn(owner, publicSet());
        t.insert("a", 1L);
        watcher.run(() -> Proc.monitor(owner.pid));
        owner.kill();
        Down down = (Down) watcher.next();
        assertThat(down.pid()).isEqualTo(owner.pid);
        assertThat(t.isOpen()).as("deleted before the DOWN is sent").isFalse();
        assertThat(Tables.all()).doesNotContain(t);
        assertThatThrownBy(() -> t.lookup("a")).isInstanceOf(TableDeletedException.class);
    }

    @Test
    void normalExitOfTheOwnerDeletesToo() {
        Actor owner = Actor.start();
        Table<String, Long> t = createIn(owner, publicSet());
        owner.stop();
        Actor.eventually(() -> !t.isOpen());
    }

    @Test
    void heirInheritsWithTransferMessageBeforeTheDown() {
        Actor owner = Actor.start();
        Actor heir = Actor.start();
        Table<String, Long> t = createIn(owner, TableOptions.<String>defaults().withHeir(heir.pid, "inherited"));
        owner.run(() -> t.insert("k", 7L));
        heir.run(() -> Proc.monitor(owner.pid));
        owner.kill();
        assertThat(heir.next()).isEqualTo(new TableTransfer(t, owner.pid, "inherited"));
        assertThat(heir.next()).isInstanceOf(Down.class);
        assertThat(t.isOpen()).isTrue();
        assertThat(t.owner()).isEqualTo(heir.pid);
        assertThat(t.info().heir()).contains(heir.pid);
        heir.run(() -> t.insert("k", 8L)); // protected: the new owner writes
        assertThat(t.lookup("k")).containsExactly(8L);
        heir.kill(); // heir is now the owner and names itself: no heir, the table goes
        Actor.eventually(() -> !t.isOpen());
    }

    @Test
    void deadHeirMeansNoHeir() {
        Actor owner = Actor.start();
        Actor heir = Actor.start();
        Table<String, Long> t = createIn(owner, TableOptions.<String>defaults().withHeir(heir.pid, null));
        heir.kill();
        owner.kill();
        Actor.eventually(() -> !t.isOpen());
    }

    @Test
    void giveAwayMovesOwnershipAndKeepsTheHeir() {
        Actor a = Actor.start();
        Actor b = Actor.start();
        Table<String, Long> t = createIn(a, TableOptions.<String>defaults());
        a.run(() -> t.setHeir(a.pid, "back")); // the owner names itself heir
        a.run(() -> t.giveAway(b.pid, "gift"));
        assertThat(b.next()).isEqualTo(new TableTransfer(t, a.pid, "gift"));
        assertThat(t.owner()).isEqualTo(b.pid);
        assertThat(t.info().heir()).contains(a.pid);
        assertThatThrownBy(() -> a.run(() -> t.insert("x", 1L))).isInstanceOf(TableAccessException.class);
        b.kill(); // the heir (the old owner) gets the table back
        assertThat(a.next()).isEqualTo(new TableTransfer(t, b.pid, "back"));
        assertThat(t.owner()).isEqualTo(a.pid);
        a.run(() -> t.insert("x", 1L));
        a.kill();
        Actor.eventually(() -> !t.isOpen());
    }

    @Test
    void giveAwayRules() {
        Actor a = Actor.start();
        Actor b = Actor.start();
        Actor dead = Actor.start();
        dead.kill();
        Table<String, Long> t = createIn(a, publicSet());
        assertThatThrownBy(() -> b.run(() -> t.giveAway(b.pid, null)))
                .isInstanceOf(TableAccessException.class).hasMessageContaining("may not give away");
        assertThatThrownBy(() -> t.giveAway(b.pid, null))
                .isInstanceOf(TableAccessException.class).hasMessageContaining("outside any process");
        assertThatThrownBy(() -> a.run(() -> t.giveAway(a.pid, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already owns");
        assertThatThrownBy(() -> a.run(() -> t.giveAway(dead.pid, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not alive");
        assertThat(t.owner()).isEqualTo(a.pid);
        assertThatThrownBy(() -> b.run(() -> t.setHeir(b.pid, null))).isInstanceOf(TableAccessException.class);
        assertThatThrownBy(() -> b.run(t::removeHeir)).isInstanceOf(TableAccessException.class);
        a.run(() -> t.giveAway(b.pid, null));
        a.kill(); // the old owner's exit no longer touches the table
        assertThat(t.isOpen()).isTrue();
        b.kill();
        Actor.eventually(() -> !t.isOpen());
    }

    @Test
    void removedHeirInheritsNothing() {
        Actor owner = Actor.start();
        Actor heir = Actor.start();
        Table<String, Long> t = createIn(owner, TableOptions.<String>defaults().withHeir(heir.pid, null));
        owner.run(t::removeHeir);
        assertThat(t.info().heir()).isEmpty();
        owner.kill();
        Actor.eventually(() -> !t.isOpen());
        assertThat(heir.inbox).isEmpty();
    }

    @Test
    void namedTables() {
        Actor owner = Actor.start();
        Actor other = Actor.start();
        Table<String, Long> t = createIn(owner, TableOptions.<String>defaults().withName("ownership-named"));
        assertThat(t.name()).contains("ownership-named");
        assertThat(t.info().name()).contains("ownership-named");
        assertThat(Tables.<String, Long>whereis("ownership-named")).containsSame(t);
        assertThatThrownBy(() -> createIn(other, TableOptions.<String>defaults().withName("ownership-named")))
                .isInstanceOf(TableNameTakenException.class);
        owner.run(t::delete);
        assertThat(Tables.whereis("ownership-named")).isEmpty();
        Table<String, Long> again = createIn(other, TableOptions.<String>defaults().withName("ownership-named"));
        assertThat(Tables.<String, Long>whereis("ownership-named")).containsSame(again);
        other.kill();
        Actor.eventually(() -> Tables.whereis("ownership-named").isEmpty());
        owner.kill();
    }

    @Test
    void deleteIsWriteAccessAndIdempotent() {
        Actor owner = Actor.start();
        Actor other = Actor.start();
        Table<String, Long> prot = createIn(owner, TableOptions.<String>defaults());
        assertThatThrownBy(() -> other.run(prot::delete)).isInstanceOf(TableAccessException.class);
        assertThat(prot.isOpen()).isTrue();
        Table<String, Long> pub = createIn(owner, publicSet());
        other.run(pub::close);
        assertThat(pub.isOpen()).isFalse();
        pub.delete();
        owner.run(prot::delete);
        owner.run(prot::delete);
        assertThat(List.of(prot.isOpen(), pub.isOpen())).containsOnly(false);
        owner.kill(); // its exit hook finds nothing left to do
        other.kill();
    }

    @Test
    void creatingOutsideAProcessFails() {
        assertThatThrownBy(Tables::create)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("owner process");
    }

    @Test
    void externalPidNeverOwns() {
        Actor owner = Actor.start();
        Table<String, Long> t = createIn(owner, TableOptions.<String>defaults());
        assertThat(t.owner()).isNotEqualTo(Pid.EXTERNAL);
        owner.kill();
    }
}
