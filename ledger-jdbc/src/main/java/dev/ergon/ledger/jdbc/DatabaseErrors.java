package dev.ergon.ledger.jdbc;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a driver or pool exception into one line that names the database, what went wrong and the fix, without
 * the password. Stateless.
 */
final class DatabaseErrors {
  private DatabaseErrors() {}

  /** What kind of failure: the database is away (spill and retry) or a setting is wrong (tell the user). */
  enum Kind {
    UNREACHABLE,
    AUTHENTICATION,
    NO_DATABASE,
    NO_SCHEMA,
    PRIVILEGE,
    OTHER
  }

  /** The SQLSTATE of the deepest exception in the chain that has one, or null. */
  static @Nullable String state(Throwable e) {
    String state = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        state = s.getSQLState();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return state;
  }

  static Kind kind(Throwable e) {
    String state = state(e);
    if (state == null) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ConnectException || t instanceof UnknownHostException
            || t instanceof java.net.SocketTimeoutException) {
          return Kind.UNREACHABLE;
        }
      }
      return e instanceof java.sql.SQLTransientConnectionException ? Kind.UNREACHABLE : Kind.OTHER;
    }
    if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
      return Kind.UNREACHABLE;
    }
    return switch (state) {
      case "28P01", "28000" -> Kind.AUTHENTICATION;
      case "3D000" -> Kind.NO_DATABASE;
      case "42P01" -> Kind.NO_SCHEMA;
      case "42501" -> Kind.PRIVILEGE;
      default -> Kind.OTHER;
    };
  }

  /** The first line of the deepest message in the chain (the driver's own words). */
  static String reason(Throwable e) {
    String msg = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        msg = t.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (msg == null) {
      return e.getClass().getSimpleName();
    }
    int nl = msg.indexOf('\n');
    return (nl >= 0 ? msg.substring(0, nl) : msg).strip();
  }

  /**
   * One line: what failed at which database (URL without parameters), the driver's reason, and the fix.
   *
   * @param e the failure
   * @param settings the settings (for the user name and to scrub the password)
   * @return the message, free of the password
   */
  static String describe(Throwable e, JdbcLedgerSettings settings) {
    String db = JdbcLedgerSettings.redact(settings.url());
    String user = settings.user() == null ? "(default user)" : "'" + settings.user() + "'";
    String reason = reason(e);
    String text = switch (kind(e)) {
      case AUTHENTICATION -> "the ledger database " + db + " refused user " + user + " (" + reason + "); check "
          + "ERGON_LEDGER_USER and ERGON_LEDGER_PASSWORD (or ERGON_LEDGER_PASSWORD_FILE)";
      case NO_DATABASE -> "the ledger database " + db + " does not exist (" + reason + "); create it (createdb) "
          + "and run 'ergon ledger migrate --to " + db + "', or fix the URL";
      case UNREACHABLE -> "cannot reach the ledger database " + db + " (" + reason + "); check the host, the port "
          + "and that PostgreSQL is running";
      case NO_SCHEMA -> "the ledger database " + db + " has no ledger tables (" + reason + "); run 'ergon ledger "
          + "migrate --to " + db + "' as the schema owner";
      case PRIVILEGE -> "user " + user + " lacks a privilege on the ledger database " + db + " (" + reason
          + "); grant it as the ergon-ledger-jdbc documentation shows";
      case OTHER -> "ledger database " + db + " failed: " + reason;
    };
    return settings.scrub(text);
  }
}
