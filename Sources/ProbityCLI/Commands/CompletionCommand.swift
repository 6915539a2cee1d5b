import Foundation

/// `probity completion bash|zsh|fish`: a completion script made from ``CommandHelp``, so it
/// always knows the same commands and options as `probity help`.
enum CompletionCommand {
    static let shells = ["bash", "zsh", "fish"]

    static func run(_ words: [String]) throws(UsageError) -> ExitCode {
        guard words.count == 1, let shell = words.first else {
            throw UsageError("`completion` needs a shell: expected one of \(shells.joined(separator: ", "))")
        }
        switch shell {
        case "bash": Output.write(bash)
        case "zsh": Output.write(zsh)
        case "fish": Output.write(fish)
        default:
            throw UsageError("unknown shell `\(shell)`; expected one of \(shells.joined(separator: ", "))")
        }
        return .success
    }

    static func optionWords(_ command: CommandHelp) -> String {
        (command.options.map { "--\($0.name)" } + ["--help"]).joined(separator: " ")
    }

    static var bash: String {
        var out = """
        # bash completion for probity: `source <(probity completion bash)`
        _probity() {
            local cur prev command
            cur="${COMP_WORDS[COMP_CWORD]}"
            prev="${COMP_WORDS[COMP_CWORD-1]}"
            command="${COMP_WORDS[1]}"
            if [ "$COMP_CWORD" -eq 1 ]; then
                COMPREPLY=($(compgen -W "\(CommandHelp.names.joined(separator: " ")) --version --help" -- "$cur"))
                return
            fi
            case "$prev" in

        """
        var choices: [(String, [String])] = []
        for command in CommandHelp.all {
            for option in command.options where !option.choices.isEmpty && !choices.contains(where: { $0.0 == option.name }) {
                choices.append((option.name, option.choices))
            }
        }
        for (name, values) in choices {
            out += "        --\(name)) COMPREPLY=($(compgen -W \"\(values.joined(separator: " "))\" -- \"$cur\")); return ;;\n"
        }
        out += "    esac\n    case \"$command\" in\n"
        for command in CommandHelp.all {
            if command.name == "help" {
                out += "        help) COMPREPLY=($(compgen -W \"\(CommandHelp.names.joined(separator: " "))\" -- \"$cur\")); return ;;\n"
            } else if command.name == "completion" {
                out += "        completion) COMPREPLY=($(compgen -W \"\(shells.joined(separator: " "))\" -- \"$cur\")); return ;;\n"
            } else {
                out += "        \(command.name)) if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W \"\(optionWords(command))\" -- \"$cur\")); return; fi ;;\n"
            }
        }
        out += """
            esac
            COMPREPLY=($(compgen -f -- "$cur"))
        }
        complete -o filenames -F _probity probity

        """
        return out
    }

    static var zsh: String {
        var out = """
        #compdef probity
        # zsh completion for probity: `probity completion zsh > "${fpath[1]}/_probity"`
        _probity() {
            local -a commands
            commands=(

        """
        for command in CommandHelp.all {
            out += "        '\(command.name):\(command.summary.replacingOccurrences(of: "'", with: "'\\''").replacingOccurrences(of: ":", with: "\\:"))'\n"
        }
        out += """
            )
            if (( CURRENT == 2 )); then
                _describe 'command' commands
                return
            fi
            case "$words[2]" in

        """
        for command in CommandHelp.all where !command.options.isEmpty {
            let specs = command.options.map { option -> String in
                let about = option.about.replacingOccurrences(of: "'", with: "'\\''").replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
                guard let value = option.value else { return "'--\(option.name)[\(about)]'" }
                let action = option.choices.isEmpty ? "_files" : "(\(option.choices.joined(separator: " ")))"
                return "'--\(option.name)=[\(about)]:\(value.lowercased()):\(action)'"
            }
            out += "        \(command.name)) _arguments \(specs.joined(separator: " ")) '*:file:_files' ;;\n"
        }
        out += """
                help) _describe 'command' commands ;;
                completion) _values 'shell' \(shells.joined(separator: " ")) ;;
                *) _files ;;
            esac
        }
        _probity "$@"

        """
        return out
    }

    static var fish: String {
        var out = "# fish completion for probity: `probity completion fish > ~/.config/fish/completions/probity.fish`\n"
        out += "complete -c probity -f\n"
        for command in CommandHelp.all {
            let about = command.summary.replacingOccurrences(of: "'", with: "\\'")
            out += "complete -c probity -n '__fish_use_subcommand' -a \(command.name) -d '\(about)'\n"
        }
        for command in CommandHelp.all {
            for option in command.options {
                let about = option.about.replacingOccurrences(of: "'", with: "\\'")
                var line = "complete -c probity -n '__fish_seen_subcommand_from \(command.name)' -l \(option.name)"
                if option.value != nil { line += option.choices.isEmpty ? " -r -F" : " -x -a '\(option.choices.joined(separator: " "))'" }
                out += line + " -d '\(about)'\n"
            }
            if !["help", "completion", "version", "bench"].contains(command.name) {
                out += "complete -c probity -n '__fish_seen_subcommand_from \(command.name)' -F\n"
            }
        }
        out += "complete -c probity -n '__fish_seen_subcommand_from help' -a '\(CommandHelp.names.joined(separator: " "))'\n"
        out += "complete -c probity -n '__fish_seen_subcommand_from completion' -a '\(shells.joined(separator: " "))'\n"
        return out
    }
}
