package dev.ergon.meter.nvml.internal;

import dev.ergon.MeterUnavailableException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One initialisation of NVML, shut down exactly once.
 *
 * <p>NVML counts {@code nvmlInit_v2} calls and releases its state when as many {@code nvmlShutdown} calls have
 * followed, so other users of NVML in the same process (another monitor, a CUDA framework) are unaffected as long
 * as every initialisation is paired with exactly one shutdown. {@link #close()} guarantees that pairing.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: {@link #close()} may be called from any
 * thread, any number of times.
 */
public final class NvmlSession implements AutoCloseable {

  private final NvmlLibrary library;
  private final AtomicBoolean open = new AtomicBoolean(true);

  private NvmlSession(NvmlLibrary library) {
    this.library = library;
  }

  /**
   * Initialises NVML.
   *
   * @param library the bound library
   * @return an open session, to be closed by the caller
   * @throws MeterUnavailableException if {@code nvmlInit_v2} fails, with the reason its code maps to (driver not
   *     loaded, no permission, ...) and nothing left to shut down
   */
  public static NvmlSession start(NvmlLibrary library) {
    int rc = library.init();
    if (rc != NvmlReturn.SUCCESS.code()) {
      NvmlReturn r = NvmlReturn.of(rc);
      throw new MeterUnavailableException(r.reason(), library.describe(library.initSymbol(), "", rc), r.remedy());
    }
    return new NvmlSession(library);
  }

  /**
   * Returns the library this session initialised.
   *
   * @return the library
   */
  public NvmlLibrary library() {
    return library;
  }

  /**
   * Tells whether the session is still open.
   *
   * @return false once {@link #close()} was called
   */
  public boolean isOpen() {
    return open.get();
  }

  /** Calls {@code nvmlShutdown} the first time; later calls do nothing. Never throws. */
  @Override
  public void close() {
    if (open.compareAndSet(true, false)) {
      library.shutdown(); // nothing to do about a failed shutdown: the handles are not used again either way
    }
  }
}
