package dev.ergon.cli.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Takes SIGINT, SIGTERM and SIGHUP from the JVM for the length of a run, so that {@code measure} knows which signal
 * asked it to stop (the record's reason names it) and ends the run itself instead of through a shutdown hook.
 *
 * <p>Uses {@code sun.misc.Signal} of module {@code jdk.unsupported}, through reflection so that the build stays free
 * of its "internal proprietary API" warning. A signal the JVM does not let go of (for example under {@code -Xrs}), or
 * a JVM without that class, leaves the JVM's own handling in place, whose shutdown hook then ends the run without the
 * signal's name. {@link #close} gives the signals back.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe.
 */
final class SignalTrap implements AutoCloseable {

  /** The signals taken. */
  private static final List<String> NAMES = List.of("INT", "TERM", "HUP");

  private final List<Object> signals = new ArrayList<>();
  private final List<@Nullable Object> previous = new ArrayList<>();
  private final @Nullable Method handle;

  private SignalTrap(@Nullable Method handle) {
    this.handle = handle;
  }

  /**
   * Installs the handler for SIGINT, SIGTERM and SIGHUP.
   *
   * @param handler called on a JVM thread of its own per signal with the signal's name ({@code "SIGTERM"}) and number
   * @return the trap; close it to restore the JVM's handling
   */
  static SignalTrap install(BiConsumer<String, Integer> handler) {
    Class<?> signalClass;
    Class<?> handlerClass;
    Constructor<?> create;
    Method handle;
    Method getName;
    Method getNumber;
    try {
      signalClass = Class.forName("sun.misc.Signal");
      handlerClass = Class.forName("sun.misc.SignalHandler");
      create = signalClass.getConstructor(String.class);
      handle = signalClass.getMethod("handle", signalClass, handlerClass);
      getName = signalClass.getMethod("getName");
      getNumber = signalClass.getMethod("getNumber");
    } catch (ReflectiveOperationException | LinkageError e) {
      return new SignalTrap(null); // no sun.misc.Signal: the shutdown hook ends the run
    }
    InvocationHandler onSignal = (proxy, method, args) -> {
      if (method.getName().equals("handle") && args != null && args.length == 1) {
        handler.accept("SIG" + getName.invoke(args[0]), (Integer) getNumber.invoke(args[0]));
        return null;
      }
      return switch (method.getName()) {
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> args != null && args.length == 1 && proxy == args[0];
        default -> "SignalTrap handler";
      };
    };
    Object proxy = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
    SignalTrap trap = new SignalTrap(handle);
    for (String name : NAMES) {
      try {
        Object s = create.newInstance(name);
        trap.previous.add(handle.invoke(null, s, proxy));
        trap.signals.add(s);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // The JVM keeps this one (-Xrs, or used by the VM): the shutdown hook covers it.
      }
    }
    return trap;
  }

  /** Gives the signals back to the JVM's own handling. Idempotent. */
  @Override
  public synchronized void close() {
    Method h = handle;
    if (h != null) {
      for (int i = 0; i < signals.size(); i++) {
        try {
          h.invoke(null, signals.get(i), previous.get(i));
        } catch (ReflectiveOperationException | RuntimeException e) {
          // nothing to restore
        }
      }
    }
    signals.clear();
    previous.clear();
  }
}
