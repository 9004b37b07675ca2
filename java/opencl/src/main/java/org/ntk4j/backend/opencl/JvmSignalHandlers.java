package org.ntk4j.backend.opencl;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Keeps the JVM's signal handlers in place across calls into OpenCL drivers that replace them.
 *
 * <p>PoCL's CPU device installs LLVM's crash handlers for SIGSEGV, SIGBUS, SIGILL, SIGINT,
 * SIGTERM, SIGQUIT, SIGUSR2 and others when its devices are first listed (measured with PoCL
 * 3.1 through JOCL: afterwards every one of those handlers pointed into LLVM's code). The JVM
 * relies on its own: it turns deliberate faults into NullPointerExceptions and safepoint polls
 * (SIGSEGV), runs shutdown hooks on Ctrl-C (SIGINT, SIGTERM) and suspends threads (SIGUSR2). Under
 * LLVM's handlers the next such fault kills the process without a word, and Ctrl-C skips the
 * hooks that remove half-written output. The JVM's own remedy (preloading libjsig) needs a flag
 * on every command line; instead the handlers are read before each such call and those the call
 * changed are put back after it (sigaction through JNA, Linux only: the signal numbers and the
 * struct are the kernel's there). LLVM registers its handlers once per process and does not
 * re-check them, so it does not replace them again.
 */
final class JvmSignalHandlers {
  /** Linux's signals 1–31 (SIGKILL and SIGSTOP cannot be caught and are never changed). */
  private static final int LAST_SIGNAL = 31;
  /** Larger than struct sigaction on every Linux ABI (152 bytes on x86-64 and AArch64). */
  private static final int SIGACTION_BYTES = 256;
  private static final LibC LIBC = load();

  private JvmSignalHandlers() {}

  /** The C library's sigaction(2). */
  interface LibC extends Library {
    int sigaction(int signal, Pointer action, Pointer previous);
  }

  /** Whether handlers can be read and restored on this machine (Linux, JNA's natives load). */
  static boolean available() {
    return LIBC != null;
  }

  /** Runs {@code call}, then restores every signal handler it replaced. */
  static <T> T preserving(Supplier<T> call) {
    if (LIBC == null) {
      return call.get();
    }
    Memory[] before = snapshot();
    try {
      return call.get();
    } finally {
      restoreChanged(before);
    }
  }

  /** The handler address of {@code signal} now (0 for the default action), for tests. */
  static long handler(int signal) {
    return current(signal).getLong(0);
  }

  private static Memory[] snapshot() {
    Memory[] actions = new Memory[LAST_SIGNAL + 1];
    for (int s = 1; s <= LAST_SIGNAL; s++) {
      actions[s] = current(s);
    }
    return actions;
  }

  private static Memory current(int signal) {
    Memory action = new Memory(SIGACTION_BYTES);
    action.clear();
    LIBC.sigaction(signal, null, action);
    return action;
  }

  private static void restoreChanged(Memory[] before) {
    for (int s = 1; s <= LAST_SIGNAL; s++) {
      Memory now = current(s);
      if (!Arrays.equals(now.getByteArray(0, SIGACTION_BYTES),
          before[s].getByteArray(0, SIGACTION_BYTES))) {
        LIBC.sigaction(s, before[s], null);
      }
    }
  }

  private static LibC load() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return null;
    }
    try {
      return Native.load("c", LibC.class);
    } catch (LinkageError | RuntimeException e) {
      return null; // JNA's natives cannot load here (e.g. a noexec temporary directory)
    }
  }
}
