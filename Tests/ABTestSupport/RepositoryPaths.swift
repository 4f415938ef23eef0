import Foundation

/// Paths into the repository, for tests that read the bundled examples under Experiments/.
public enum RepositoryPaths {
    /// The repository's root folder.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled experiment files (Experiments/*.json), in path order.
    public static var experimentFiles: [URL] {
        let dir = root.appendingPathComponent("Experiments")
        return ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }

    /// The path of a file under Experiments/.
    public static func experiments(_ relative: String) -> String {
        root.appendingPathComponent("Experiments").appendingPathComponent(relative).path
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    public static func temporaryFile(_ text: String, name: String = "input.json") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("abkit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
