package dev.ergon.cli.internal;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether this process talks to a person at a terminal, and in which charset.
 *
 * <p>On Java 17 to 21 {@link System#console()} is null unless stdin and stdout are a terminal; from Java 22 it is
 * never null, and {@code Console.isTerminal()} (called by reflection, since Ergon targets 17) answers instead.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state.
 */
public final class Terminal {
  private Terminal() {}

  /**
   * Returns the console if stdin and stdout are a terminal.
   *
   * @return the console, or {@code null} when input or output is redirected
   */
  @SuppressWarnings("SystemConsoleNull") // checked with isTerminal() where the JDK has it (22+), see above
  public static @Nullable Console console() {
    Console c = System.console();
    if (c == null) {
      return null;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(c)) ? c : null;
    } catch (NoSuchMethodException e) {
      return c; // Java 17 to 21: non-null means a terminal
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null;
    }
  }

  /**
   * Tells whether stdin and stdout are a terminal.
   *
   * @return true at a terminal
   */
  public static boolean isInteractive() {
    return console() != null;
  }

  /**
   * Returns the charset for output: the terminal's, or UTF-8 for a pipe or a file (what JSON and CSV readers expect).
   *
   * @return the charset
   */
  public static Charset outputCharset() {
    Console c = console();
    return c != null ? c.charset() : java.nio.charset.StandardCharsets.UTF_8;
  }
}
