package dev.ergon.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Which jobs each thread is inside: a stack per thread, pushed when a thread opens a job, runs work wrapped for a
 * job, or joins one, and popped when it leaves. The innermost open job on a thread's stack is its current job.
 *
 * <p>When CPU time is tracked (the THREADS policy), the CPU time a thread uses is credited to its current job: at
 * every enter and exit (the thread's own CPU clock) and at every reading ({@link #collect}, the other threads'
 * clocks), so no CPU time is lost between readings and none needs a {@code join()}.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe.
 */
public final class ThreadScopes {

  /** Thread CPU clocks. */
  public interface CpuClock {
    /**
     * Returns the calling thread's CPU time.
     *
     * @return ns, or -1 if unknown (for example a virtual thread)
     */
    long current();

    /**
     * Returns a thread's CPU time.
     *
     * @param thread the thread
     * @return ns, or -1 if unknown or the thread ended
     */
    long of(Thread thread);
  }

  /** One thread's stack of jobs. Guarded by itself. */
  private static final class Scope {
    final Thread thread;
    final ArrayDeque<JobAccount> stack = new ArrayDeque<>(4);
    long lastCpu = -1;

    Scope(Thread thread) {
      this.thread = thread;
    }
  }

  private final ThreadLocal<Scope> local = ThreadLocal.withInitial(() -> new Scope(Thread.currentThread()));
  private final @Nullable CpuClock cpu;
  private final Set<Scope> active = ConcurrentHashMap.newKeySet();

  /**
   * Creates the scopes.
   *
   * @param cpu the CPU clocks, or null not to track CPU time
   */
  public ThreadScopes(@Nullable CpuClock cpu) {
    this.cpu = cpu;
  }

  /**
   * Returns the JVM's thread CPU clocks ({@link java.lang.management.ThreadMXBean}); -1 where a thread's clock is
   * not available (virtual threads, or a JVM without thread CPU time).
   *
   * @return the clocks
   */
  public static CpuClock jvmCpuClock() {
    java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
    boolean supported = bean.isThreadCpuTimeSupported();
    return new CpuClock() {
      @Override
      public long current() {
        if (!supported) {
          return -1;
        }
        try {
          return bean.getCurrentThreadCpuTime();
        } catch (UnsupportedOperationException e) {
          return -1;
        }
      }

      @Override
      @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+
      public long of(Thread thread) {
        if (!supported) {
          return -1;
        }
        try {
          return bean.getThreadCpuTime(thread.getId());
        } catch (UnsupportedOperationException e) {
          return -1;
        }
      }
    };
  }

  /**
   * Returns the calling thread's current job: the innermost open job it is inside.
   *
   * @return the account, or null
   */
  public @Nullable JobAccount current() {
    Scope s = local.get();
    synchronized (s) {
      for (JobAccount a : s.stack) { // from the top
        if (!a.isClosed()) {
          return a;
        }
      }
      return null;
    }
  }

  /**
   * Puts the calling thread inside a job.
   *
   * @param job the job
   * @return the token to pass to {@link #exit}
   */
  public int enter(JobAccount job) {
    Scope s = local.get();
    synchronized (s) {
      credit(s, cpu == null ? -1 : cpu.current());
      int depth = s.stack.size();
      s.stack.push(job);
      if (depth == 0 && cpu != null) {
        active.add(s);
      }
      return depth;
    }
  }

  /**
   * Takes the calling thread out of the jobs it entered since the token was given.
   *
   * @param token from {@link #enter}
   */
  public void exit(int token) {
    Scope s = local.get();
    synchronized (s) {
      credit(s, cpu == null ? -1 : cpu.current());
      while (s.stack.size() > token) {
        s.stack.pop();
      }
      if (s.stack.isEmpty()) {
        active.remove(s);
        s.lastCpu = -1;
      }
    }
  }

  /** Credits every thread's CPU time since its last credit to its current job. Called at each reading. */
  public void collect() {
    CpuClock c = cpu;
    if (c == null) {
      return;
    }
    for (Iterator<Scope> it = active.iterator(); it.hasNext(); ) {
      Scope s = it.next();
      synchronized (s) {
        if (!s.thread.isAlive()) {
          it.remove();
          continue;
        }
        credit(s, c.of(s.thread));
      }
    }
  }

  /** Credits CPU up to {@code now} to the innermost open job. Caller holds the scope's monitor. */
  private static void credit(Scope s, long now) {
    if (now < 0) {
      for (JobAccount a : s.stack) {
        if (!a.isClosed()) {
          a.cpuUnmeasurable = true;
          break;
        }
      }
      s.lastCpu = -1;
      return;
    }
    if (s.lastCpu >= 0) {
      for (JobAccount a : s.stack) {
        if (!a.isClosed()) {
          a.creditCpu(now - s.lastCpu);
          break;
        }
      }
    }
    s.lastCpu = now;
  }
}
