#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The end-to-end program a developer without Probity would write for the generated workload:
/// the comparison `probity bench --workload end-to-end` times `probity check --batch` against.
///
/// It reads the same three files `probity bench --write` writes (the rule text, the register
/// in the NHS template's layout, one decision per line with its committee), evaluates the
/// same bands, procedures and conflicts policy in plain Swift written for this workload alone,
/// reads each line with Foundation's `JSONSerialization` as a typical program would, and
/// writes a short answer per line (tab-separated: id, outcome, approvers, procedures,
/// recusals as `name=level`). It shares no code with Probity's engine, nor with
/// ``ReferenceEvaluator`` (which answers from the generator's arrays, not from the files), so
/// checking its answers against the reference tests both.
public enum HandWrittenProgram {
    /// What the hand-written program could not read: the file and why.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    struct Band {
        var lower: Int64, upper: Int64
        var approvers: [String]
    }

    struct Procedure {
        var id: String
        var minimum: Int64
        var cutOff: Int
    }

    struct Interest {
        var organisation: Int
        /// 3 financial (exclude), 2 indirect (no-vote), 1 other (declare).
        var level: Int
        var from: Int
        var to: Int?
    }

    /// Reads the files in `directory`, answers every decision and writes the answers to
    /// `output` (a file descriptor). Returns the number of decisions answered.
    public static func run(directory: String, output: Int32) throws(Failure) -> Int {
        func read(_ name: String) throws(Failure) -> String {
            guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else {
                throw Failure(description: "cannot read `\(directory)/\(name)`")
            }
            return text
        }
        // The rules: organisations, bands per kind, procedures per kind, the look-back.
        var organisations: [String: Int] = [:]
        var bands: [String: [Band]] = [:]
        var procedures: [String: [Procedure]] = [:]
        var lookBack = 0
        var pending: (kind: String, lower: Int64, upper: Int64)?
        var pendingProcedure: (kind: String, minimum: Int64, cutOff: Int)?
        for line in try read("rules.probity").split(separator: "\n") {
            let words = line.split(separator: " ")
            if line.hasPrefix("organisation "), let open = line.firstIndex(of: "\""), let close = line.lastIndex(of: "\""), open < close {
                organisations[String(line[line.index(after: open)..<close])] = organisations.count
            } else if line.hasPrefix("  when kind = "), words.count >= 10, words[5] == "value", words[6] == "in" {
                // `when kind = K and value in (£L .. £U]`
                pending = (String(words[3]), pounds(words[7].dropFirst(2)) ?? 0, pounds(words[9].dropFirst().dropLast()) ?? 0)
            } else if line.hasPrefix("  when kind = "), words.count >= 12, words[6] == ">=" {
                // `when kind = K and value >= £M and date < YYYY-MM-DD`
                pendingProcedure = (String(words[3]), pounds(words[7].dropFirst()) ?? 0, day(iso: words[11]) ?? 0)
            } else if line.hasPrefix("  require approval by "), let band = pending {
                let approvers = line.dropFirst("  require approval by ".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                bands[band.kind, default: []].append(Band(lower: band.lower, upper: band.upper, approvers: approvers))
                pending = nil
            } else if line.hasPrefix("  require procedure "), let procedure = pendingProcedure {
                procedures[procedure.kind, default: []].append(
                    Procedure(id: String(words[2]), minimum: procedure.minimum, cutOff: procedure.cutOff))
                pendingProcedure = nil
            } else if line.hasPrefix("  look back "), words.count >= 3, let days = Int(words[2]) {
                lookBack = days
            }
        }
        // The register: each person's interests in a declared organisation.
        var interests: [String: [Interest]] = [:]
        var person = ""
        for line in try read("register.csv").split(separator: "\n").dropFirst() {
            let cells = csvCells(line)
            guard cells.count >= 7 else { continue }
            if !cells[0].isEmpty { person = cells[0] }
            let level: Int
            switch cells[3] {
            case "Financial Interest": level = 3
            case "Indirect Interest": level = 2
            case "Non-Financial Professional Interest", "Non-Financial Personal Interest": level = 1
            default: continue
            }
            // An organisation's name is three words: look each run of three up.
            let words = cells[4].split(separator: " ")
            guard words.count >= 3, let from = day(dayMonthYear: cells[5]) else { continue }
            for start in 0...(words.count - 3) {
                if let organisation = organisations[words[start..<start + 3].joined(separator: " ")] {
                    interests[person, default: []].append(Interest(organisation: organisation, level: level, from: from,
                                                                   to: day(dayMonthYear: cells[6])))
                    break
                }
            }
        }
        // The decisions, one JSON object per line.
        guard let input = FileHandle(forReadingAtPath: directory + "/decisions.jsonl") else {
            throw Failure(description: "cannot read `\(directory)/decisions.jsonl`")
        }
        let data = input.readDataToEndOfFile()
        var out = ""
        out.reserveCapacity(1 << 17)
        var count = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any],
                  let id = object["id"] as? String, let kind = object["kind"] as? String,
                  let date = (object["date"] as? String).flatMap({ day(iso: $0[...]) }),
                  let value = (object["value"] as? String).flatMap({ pounds($0[...]) }) else {
                out += "error\tunreadable line \(count + 1)\n"
                count += 1
                continue
            }
            let supplier = (object["supplier"] as? String).flatMap { organisations[$0] }
            let attendees = ((object["meeting"] as? [String: Any])?["attendees"] as? [String]) ?? []
            var approvers: [String] = []
            for band in bands[kind] ?? [] where band.lower < value && value <= band.upper {
                for body in band.approvers where !approvers.contains(body) { approvers.append(body) }
            }
            var required: [String] = []
            for procedure in procedures[kind] ?? [] where value >= procedure.minimum && date < procedure.cutOff {
                required.append(procedure.id)
            }
            var recusals: [String] = []
            if let supplier {
                for attendee in attendees {
                    var level = 0
                    for interest in interests[attendee] ?? [] where interest.organisation == supplier && date >= interest.from {
                        if let to = interest.to, date > to + lookBack { continue }
                        level = max(level, interest.level)
                    }
                    if level > 0 { recusals.append(attendee + "=" + ["", "declare", "no-vote", "exclude"][level]) }
                }
            }
            out += id + (approvers.isEmpty ? "\tno-authority\t" : "\tauthorised\t") + approvers.sorted().joined(separator: ",")
            out += "\t" + required.sorted().joined(separator: ",") + "\t" + recusals.sorted().joined(separator: ";") + "\n"
            count += 1
            if out.utf8.count >= 1 << 16 {
                try write(out, to: output)
                out.removeAll(keepingCapacity: true)
            }
        }
        try write(out, to: output)
        return count
    }

    private static func write(_ text: String, to descriptor: Int32) throws(Failure) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw Failure(description: "cannot write the answers: \(String(cString: strerror(errno)))") }
            bytes = bytes.dropFirst(written)
        }
    }

    /// "1234.56" or "1234" (pounds) in pence.
    static func pounds(_ text: Substring) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = Int64(parts[0]) else { return nil }
        guard parts.count == 2 else { return parts.count == 1 ? whole * 100 : nil }
        guard parts[1].count == 2, let fraction = Int64(parts[1]) else { return nil }
        return whole * 100 + fraction
    }

    /// "2023-06-01" as days since 1970-01-01.
    static func day(iso text: Substring) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return Workload.day(y, m, d)
    }

    /// "01/06/2023" as days since 1970-01-01; nil for an empty cell.
    static func day(dayMonthYear text: String) -> Int? {
        let parts = text.split(separator: "/")
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        return Workload.day(y, m, d)
    }

    /// The cells of one CSV line (quotes doubled inside quoted cells; no cell spans lines here).
    static func csvCells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    // A doubled quote is one quote; a single one ends the quoted part.
                    if let next = iterator.next() {
                        if next == "\"" { cell.append("\"") } else {
                            quoted = false
                            if next == "," { cells.append(cell); cell = "" } else { cell.append(next) }
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                cells.append(cell)
                cell = ""
            } else if character != "\r" {
                cell.append(character)
            }
        }
        cells.append(cell)
        return cells
    }
}
