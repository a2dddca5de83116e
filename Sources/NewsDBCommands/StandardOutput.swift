// stdout is C's global stream; read only on the main thread once the command has finished.
@preconcurrency import Glibc
import Foundation

/// Checks that what a command printed reached standard output. `print` does not report a failed
/// write, so without this check a full disk (or `> /dev/full`) would lose the output with exit 0.
enum StandardOutput {

    /// Flushes standard output; on a failed write, says so and exits 1. A reader that went away
    /// (`newsdb search … | head`) is no error: the process ends quietly.
    static func finish() {
        errno = 0
        let flushed = fflush(stdout) == 0
        let failure = errno
        guard !flushed || ferror(stdout) != 0 else { return }
        if failure == EPIPE { Foundation.exit(0) }
        let reason = failure != 0 ? String(cString: strerror(failure)).lowercased() : "a write failed"
        FileHandle.standardError.write(Data("Error: cannot write to standard output: \(reason)\n".utf8))
        Foundation.exit(1)
    }
}
