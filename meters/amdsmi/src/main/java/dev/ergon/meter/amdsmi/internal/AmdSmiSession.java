package dev.ergon.meter.amdsmi.internal;

import dev.ergon.MeterUnavailableException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One initialisation of AMD SMI ({@code amdsmi_init(AMDSMI_INIT_AMD_GPUS)}), shut down exactly once.
 *
 * <p>AMD SMI counts initialisations and releases its state when as many {@code amdsmi_shut_down} calls have
 * followed, so other users in the same process (another monitor, a framework) are unaffected as long as every
 * initialisation is paired with exactly one shutdown. {@link #close()} guarantees that pairing.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: {@link #close()} may be called from any
 * thread, any number of times.
 */
public final class AmdSmiSession implements AutoCloseable {

  private final AmdSmiLibrary library;
  private final AtomicBoolean open = new AtomicBoolean(true);

  private AmdSmiSession(AmdSmiLibrary library) {
    this.library = library;
  }

  /**
   * Initialises AMD SMI for AMD GPUs.
   *
   * @param library the bound library
   * @return an open session, to be closed by the caller
   * @throws MeterUnavailableException if {@code amdsmi_init} fails, with the reason its code maps to (driver not
   *     loaded, no permission, ...) and nothing left to shut down
   */
  public static AmdSmiSession start(AmdSmiLibrary library) {
    int rc = library.init(AmdSmiLibrary.INIT_AMD_GPUS);
    if (rc != AmdSmiStatus.SUCCESS.code()) {
      AmdSmiStatus s = AmdSmiStatus.of(rc);
      throw new MeterUnavailableException(s.reason(),
          library.describe("amdsmi_init", "AMDSMI_INIT_AMD_GPUS", rc), s.remedy());
    }
    return new AmdSmiSession(library);
  }

  /**
   * Returns the library this session initialised.
   *
   * @return the library
   */
  public AmdSmiLibrary library() {
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

  /** Calls {@code amdsmi_shut_down} the first time; later calls do nothing. Never throws. */
  @Override
  public void close() {
    if (open.compareAndSet(true, false)) {
      library.shutDown(); // nothing to do about a failed shutdown: the handles are not used again either way
    }
  }
}
