package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.kernel.InvalidInputException;

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
  void refusesDirectoriesAsTargets() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> AtomicFiles.write(dir, text("")));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }
}
