/// One `--param name=value` override, like papermill's parameters.
///
///     let p = try NotebookParameter(argument: "epochs=200")
///     // injects `epochs = 200` after the notebook's `#| parameters` cell
public struct NotebookParameter: Equatable, Sendable {
    public var name: String
    /// The value as Soma literal text: `200`, `"relu"`, `[1, 2]`, `{a: 1}`, `20ms`.
    public var literal: String

    public init(name: String, literal: String) {
        self.name = name
        self.literal = literal
    }

    /// Parses `name=value`, checking that the name is an identifier and the value a Soma literal.
    ///
    /// - Throws: `NotebookError` naming the argument and what was expected.
    public init(argument: String) throws(NotebookError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw NotebookError(path: "--param", message: "'\(argument)' should look like name=value")
        }
        let name = argument[..<equals].trimmingWhitespace()
        let literal = argument[argument.index(after: equals)...].trimmingWhitespace()
        guard Self.isIdentifier(name) else {
            throw NotebookError(path: "--param", message: "'\(name)' is not a Soma name")
        }
        guard SomaLiteral.isValid(literal) else {
            throw NotebookError(path: "--param", message:
                "value of '\(name)' is not a Soma literal: '\(literal)' (use a number, \"string\", true, false, nil, [list] or {record}; quote strings in the shell: --param '\(name)=\"text\"')")
        }
        self.init(name: name, literal: literal)
    }

    /// Whether text is a Soma identifier: a letter or `_`, then letters, digits, `_`.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}

extension Notebook {
    /// The notebook with a cell setting the given parameters after its `#| parameters` cell.
    ///
    /// - Throws: `NotebookError` when there are parameters but no parameters
    ///   cell, or a parameter the parameters cell does not set.
    func injecting(_ parameters: [NotebookParameter]) throws(NotebookError) -> Notebook {
        guard !parameters.isEmpty else { return self }
        guard let position = blocks.firstIndex(where: { block in
            if case .cell(let cell) = block { return cell.options.isParameters }
            return false
        }), case .cell(let defaults) = blocks[position] else {
            throw NotebookError(path: path, message: "--param given, but the notebook has no cell marked '#| parameters'")
        }
        let known = defaults.assignedNames()
        for parameter in parameters where !known.contains(parameter.name) {
            throw NotebookError(path: path, line: defaults.firstLine,
                                message: "the parameters cell does not set '\(parameter.name)' (it sets: \(known.joined(separator: ", ")))")
        }
        let code = "# Parameters injected by `soma run --param`\n"
            + parameters.map { "\($0.name) = \($0.literal)\n" }.joined()
        let injected = NotebookCell(number: 0, code: code, firstLine: defaults.firstLine,
                                    origin: .injectedParameters)
        var copy = self
        copy.blocks.insert(.cell(injected), at: position + 1)
        return copy
    }
}

extension NotebookCell {
    /// Names bound at the top level of the cell by a plain `name = ...` line.
    func assignedNames() -> [String] {
        var names: [String] = []
        for line in code.linesKeepingBreaks() {
            let text = line.trimmingWhitespace()
            guard let equals = text.firstIndex(of: "=") else { continue }
            let after = text[text.index(after: equals)...]
            guard !after.hasPrefix("=") else { continue }
            let name = text[..<equals].trimmingWhitespace()
            if NotebookParameter.isIdentifier(name), !names.contains(name) { names.append(name) }
        }
        return names
    }
}
