@preconcurrency import CEditLine
import CInterrupt
import Foundation
import SomaLang

/// Line input for the REPL: libedit (emacs keys, history, tab completion) on a
/// terminal, plain reads from a pipe.
///
/// libedit's completion hook is a C function pointer without a context
/// argument, so the completer is reachable only through `CompletionBridge`,
/// which holds it for the editor's lifetime. That is the one piece of
/// process-wide state in Soma, and it belongs to the REPL alone.
final class LineEditor {
    /// What `read` returns.
    enum Input {
        case line(String)
        /// Ctrl-C at the prompt: the line is dropped.
        case interrupted
        /// Ctrl-D on an empty line, or end of piped input.
        case endOfInput
    }

    let isInteractive: Bool
    private let historyPath: String?

    /// - Parameters:
    ///   - historyPath: where history persists between sessions (nil: none).
    ///   - completer: given the text before the cursor's word and the word,
    ///     returns the full words that may replace the word.
    init(historyPath: String?, completer: @escaping (_ line: String, _ word: String) -> [String]) {
        isInteractive = isatty(STDIN_FILENO) == 1
        self.historyPath = historyPath
        guard isInteractive else { return }
        setlocale(LC_ALL, "")
        _ = soma_install_sigint()
        rl_catch_signals = 0
        rl_completion_append_character = 0
        // Words end at operators and brackets too, so `f(a,lin` and `2*lin`
        // complete `lin`; '.' stays inside a word for `record.field`. The copy
        // lives as long as the process, as libedit keeps the pointer.
        if let breaks = strdup(" \t\n\"\\'`@$><=;|&{}()[],+-*/%^!:~#") {
            rl_basic_word_break_characters = UnsafePointer(breaks)
        }
        CompletionBridge.completer = completer
        rl_attempted_completion_function = { text, _, _ in
            guard let text else { return nil }
            return CompletionBridge.matches(for: String(cString: text))
        }
        using_history()
        stifle_history(2000)
        if let historyPath { _ = read_history(historyPath) }
    }

    /// Reads one line with `prompt` shown (no prompt when input is piped).
    func read(prompt: String) -> Input {
        guard isInteractive else {
            guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
            return .line(line)
        }
        _ = soma_take_sigints()
        guard let raw = readline(prompt) else {
            if soma_take_sigints() > 0 {
                FileHandle.standardOutput.write("\n".data(using: .utf8) ?? Data())
                return .interrupted
            }
            return .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    /// Adds a line to the history and saves the history file.
    func remember(_ line: String) {
        guard isInteractive, !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(line)
        if let historyPath { _ = write_history(historyPath) }
    }

    /// Ctrl-C presses since the last call (the REPL polls this while code runs).
    func takeInterrupts() -> Int { Int(soma_take_sigints()) }
}

/// Holds the REPL's completer for libedit's context-free C callback.
private enum CompletionBridge {
    nonisolated(unsafe) static var completer: ((String, String) -> [String])?

    /// Builds the NULL-terminated, malloc'd match array libedit expects: the
    /// longest common prefix first, then every match.
    static func matches(for word: String) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        let line = soma_line_buffer().map { String(cString: $0) } ?? ""
        let found = (completer?(line, word) ?? []).filter { $0.hasPrefix(word) }
        guard !found.isEmpty else { return nil }
        rl_attempted_completion_over = 1
        let unique = Array(Set(found)).sorted()
        let prefix = unique.dropFirst().reduce(unique[0]) { common, next in
            String(zip(common, next).prefix { $0 == $1 }.map(\.0))
        }
        // A single match is listed twice: libedit reads matches[2] (past the end
        // of a one-entry list) and compares matches[0] with matches[1] to tell a
        // finished completion.
        let list = [prefix] + unique
        // libedit frees the array and its strings with free(): allocate with malloc.
        let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (list.count + 1)
        guard let raw = malloc(size) else { return nil }
        let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: list.count + 1)
        for (i, s) in list.enumerated() { array[i] = strdup(s) }
        array[list.count] = nil
        return array
    }
}
