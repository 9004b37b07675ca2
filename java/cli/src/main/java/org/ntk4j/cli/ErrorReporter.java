package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.ntk4j.InvalidInputException;
import org.ntk4j.stax.ArchitectureException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr, {@code ntk4j: error: <message>}, and an exit
 * code: {@link #BAD_INPUT} (2) for anything the user can fix (arguments, input files, the
 * architecture, I/O, memory), {@link #INTERNAL} (1) for bugs. Stack traces only with
 * NTK4J_DEBUG=1.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int INTERNAL = 1;
  static final int BAD_INPUT = 2;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    String help = cmd.getCommandSpec().qualifiedName() + " --help";
    // picocli's messages start with "Error: ", which our own prefix already says
    String message = oneLine(e.getMessage()).replaceFirst("^Error: ", "");
    return report(cmd.getErr(), message + " (see '" + help + "')", e, BAD_INPUT);
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    return handle(e, cmd.getErr());
  }

  /** Reports {@code e} on {@code err} and returns the exit code. */
  static int handle(Throwable e, PrintWriter err) {
    if (e instanceof HintedFailure h) {
      return handle(h.getCause(), err, "; " + h.hint());
    }
    return handle(e, err, "");
  }

  private static int handle(Throwable e, PrintWriter err, String hint) {
    if (e instanceof InvalidInputException || e instanceof ArchitectureException) {
      return report(err, oneLine(e.getMessage()) + hint, e, BAD_INPUT);
    }
    if (e instanceof UncheckedIOException u) {
      return report(err, describe(u.getCause()) + hint, e, BAD_INPUT);
    }
    if (e instanceof IOException io) {
      return report(err, describe(io) + hint, e, BAD_INPUT);
    }
    if (e instanceof OutOfMemoryError) {
      // A resource limit the user can raise, as MemoryCheck's refusals before the work.
      return report(err, "out of memory: give Java more memory (java -Xmx16g -jar ntk4j.jar"
          + " ...) or use smaller inputs" + hint, e, BAD_INPUT);
    }
    return report(err, "internal error: " + oneLine(String.valueOf(e)) + hint
        + " (set NTK4J_DEBUG=1 for the stack trace, and please report it)", e, INTERNAL);
  }

  /** A file-system problem in words: the file, then what went wrong. */
  static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      String what = f.getReason() != null ? f.getReason()
          : e instanceof NoSuchFileException ? "no such file or directory"
          : e instanceof AccessDeniedException ? "permission denied"
          : e instanceof NotDirectoryException ? "not a directory"
          : e.getClass().getSimpleName();
      String other = f.getOtherFile() != null ? " -> " + f.getOtherFile() : "";
      return f.getFile() + other + ": " + oneLine(what);
    }
    return "I/O error: " + oneLine(String.valueOf(e.getMessage()));
  }

  private static int report(PrintWriter err, String message, Throwable e, int code) {
    err.println("ntk4j: error: " + message);
    if (System.getenv("NTK4J_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
