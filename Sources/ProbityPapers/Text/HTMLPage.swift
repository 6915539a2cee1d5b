/// The shell every page ProbityPapers writes shares — board papers and audit reports alike — so
/// that they look and print the same and stay self-contained: inline CSS, no scripts, nothing
/// fetched, written as well-formed XML.
enum HTMLPage {
    /// Everything up to and including `<body>`, with the papers' stylesheet inlined.
    /// `title` is plain text; it is escaped here.
    static func head(title: String) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(Escaping.xml(title))</title>\n<style>\n\(PaperStyle.css)</style>\n</head>\n<body>\n"
        return out
    }

    /// What closes a page opened with `head(title:)`.
    static let tail = "</body>\n</html>\n"
}
