import Foundation

/// Why a file could not be written, in words. Foundation's own description
/// on Linux is "The operation could not be completed" or "NSCocoaErrorDomain
/// error 512"; the file system says more: a missing folder, a folder where
/// a file was meant, no permission, a full disk.
public enum IOFailure {
    /// The reason writing `path` failed with `error`.
    public static func writing(_ path: String, _ error: Error) -> String {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return "it is a folder, not a file"
        }
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        if !files.fileExists(atPath: folder, isDirectory: &isFolder) {
            return "the folder \(folder) does not exist"
        }
        if !isFolder.boolValue { return "\(folder) is a file, not a folder" }
        if let code = posixCode(error) { return String(cString: strerror(code)).lowercased() }
        if !files.isWritableFile(atPath: folder) { return "permission denied: the folder \(folder) is not writable" }
        return "the system refused to write it"
    }

    /// The POSIX error number behind a Foundation error, when it carries one.
    private static func posixCode(_ error: Error) -> Int32? {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(truncatingIfNeeded: underlying.code)
        }
        return nil
    }
}
