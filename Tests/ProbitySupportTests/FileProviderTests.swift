import ProbitySupport
import XCTest

final class FileProviderTests: XCTestCase {
    func testJoinWorksPathsOutByTheirText() {
        XCTAssertEqual(FilePath.join("/rules/bromley", "../national/x.probity"), "/rules/national/x.probity")
        XCTAssertEqual(FilePath.join("/rules", "./a//b/"), "/rules/a/b")
        XCTAssertEqual(FilePath.join("/rules", "/elsewhere/x"), "/elsewhere/x")
        XCTAssertEqual(FilePath.join("/", "../x"), "/../x")
        XCTAssertFalse(FilePath.isInside("/../x", "/"))
        XCTAssertTrue(FilePath.isInside("/x", "/"))
        XCTAssertFalse(FilePath.isInside("/rulesets/x", "/rules"))
        XCTAssertEqual(FilePath.relative("/rules/a/b", to: "/rules"), "a/b")
        XCTAssertEqual(FilePath.folder(of: "/a.probity"), "/")
        XCTAssertEqual(FilePath.name(of: "/a/b.tsv"), "b.tsv")
    }

    func testMemoryFilesImplyTheirFolders() {
        let files = MemoryFiles(texts: ["rules/main.probity": "a", "rules/parts/b.probity": "b"])
        XCTAssertEqual(files.kind(of: "/rules"), .folder)
        XCTAssertEqual(files.kind(of: "/rules/main.probity"), .file)
        XCTAssertNil(files.kind(of: "/rule"))
        XCTAssertEqual(files.files(under: "/rules"), ["/rules/main.probity", "/rules/parts/b.probity"])
        XCTAssertEqual(files.contents(of: "/rules/parts/b.probity"), Array("b".utf8))
    }

    func testAMountedFolderIsReadFromWhereItIsMounted() {
        let files = MountedFiles(MemoryFiles(texts: ["bundle/registers/r.tsv": "rows"]),
                                 mounts: [(at: "/bundle/Examples/registers", from: "/bundle/registers")])
        XCTAssertEqual(files.contents(of: "/bundle/Examples/registers/r.tsv"), Array("rows".utf8))
        XCTAssertEqual(files.kind(of: "/bundle/Examples/registers"), .folder)
        XCTAssertEqual(files.files(under: "/bundle/Examples/registers"), ["/bundle/Examples/registers/r.tsv"])
        XCTAssertNil(files.contents(of: "/bundle/Examples/other.tsv"))
    }

    /// A regular file is read into an array of its size; what is read is the file, whatever
    /// its size, and an empty file is empty.
    func testAWholeFileIsReadExactly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("probity-read-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 65_537, 3_000_001] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = folder.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            XCTAssertEqual(try FileIO.read(path: path).get(), bytes, "\(size) bytes")
            XCTAssertEqual(try DiskFiles().read(path, limit: FileIO.maximumFileSize).get(), bytes, "\(size) bytes")
        }
        let large = folder.appendingPathComponent("f3000001").path
        XCTAssertThrowsError(try FileIO.read(path: large, limit: 1_000_000).get())
    }
}
