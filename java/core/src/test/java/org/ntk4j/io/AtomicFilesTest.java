package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.InvalidInputException;

class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static AtomicFiles.ChannelWriter text(String s) {
    return AtomicFiles.channelWriter(out -> out.write(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void preparedFilesAppearOnlyWhenCommitted() throws IOException {
    Path a = dir.resolve("a.txt");
    Path b = dir.resolve("b.txt");
    try (AtomicFiles.Pending pa = AtomicFiles.prepare(a, text("A"));
        AtomicFiles.Pending pb = AtomicFiles.prepare(b, text("B"))) {
      assertTrue(Files.notExists(a));
      assertEquals(2, names().size());
      pa.commit();
      pb.commit();
    }
    assertEquals(List.of("a.txt", "b.txt"), names());
    assertEquals("A", Files.readString(a));
  }

  @Test
  void uncommittedFilesVanishOnClose() throws IOException {
    try (AtomicFiles.Pending p = AtomicFiles.prepare(dir.resolve("x"), text("X"))) {
      assertEquals(1, names().size());
    }
    assertEquals(List.of(), names());
  }

  @Test
  void aWriterThatFailsLeavesNothing() throws IOException {
    assertThrows(IOException.class, () -> AtomicFiles.prepare(dir.resolve("y"), ch -> {
      ch.write(ByteBuffer.wrap(new byte[] {1}));
      throw new IOException("device lost");
    }));
    assertThrows(IllegalStateException.class, () -> AtomicFiles.write(dir.resolve("z"), ch -> {
      throw new IllegalStateException("bug");
    }));
    assertEquals(List.of(), names());
  }

  @Test
  void outputsGetTheUsualPermissionsNotThoseOfATemporaryFile() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain"));
    Path ours = dir.resolve("ours");
    AtomicFiles.write(ours, text("x"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(ours));
  }

  @Test
  void aKilledProcessLeavesNoTemporaryFile() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), PendingFileHolder.class.getName(),
        dir.resolve("big.npy").toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertEquals("prepared", out.readLine());
      assertEquals(1, names().size());
      child.destroy(); // SIGTERM, like Ctrl-C runs the shutdown hooks
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    assertEquals(List.of(), names());
  }

  @Test
  void refusesDirectoriesAsTargets() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> AtomicFiles.write(dir, text("")));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }
}
