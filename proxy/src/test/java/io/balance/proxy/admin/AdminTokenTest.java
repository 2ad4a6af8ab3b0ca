package io.balance.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path dir;

    @Test
    void acceptsOnlyTheBearerTokenFromTheFile() throws Exception {
        AdminToken token = AdminToken.fromFile(Files.writeString(dir.resolve("t"), "abc\n"));
        assertThat(token.accepts("Bearer abc")).isTrue();
        assertThat(token.accepts("bearer abc")).isTrue();
        assertThat(token.accepts("Bearer abd")).isFalse();
        assertThat(token.accepts("Basic abc")).isFalse();
        assertThat(token.accepts(null)).isFalse();
        assertThat(AdminToken.none().accepts("Bearer abc")).isFalse();
    }

    @Test
    void picksUpARotatedTokenWithoutARestart() throws Exception {
        Path file = Files.writeString(dir.resolve("t"), "old");
        AdminToken token = AdminToken.fromFile(file);
        Files.writeString(file, "new");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(token.accepts("Bearer new")).isTrue();
        assertThat(token.accepts("Bearer old")).isFalse();
    }

    @Test
    void keepsTheLastGoodTokenWhenTheFileTurnsEmpty() throws Exception {
        Path file = Files.writeString(dir.resolve("t"), "good");
        AdminToken token = AdminToken.fromFile(file);
        Files.writeString(file, "  ");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(token.accepts("Bearer good")).isTrue();
    }

    @Test
    void refusesAnEmptyTokenFileAtStart() throws Exception {
        Path file = Files.writeString(dir.resolve("t"), "\n");
        assertThatThrownBy(() -> AdminToken.fromFile(file)).hasMessageContaining("is empty");
    }
}
