# bash completion for dossier (installed by `make install`).
_dossier() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --db) ((i++)) ;;
            -*) ;;
            *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done
    case $prev in
        --db|--meta) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --type) COMPREPLY=($(compgen -W "PERSON ORG GPE LOC NORP" -- "$cur")); return ;;
    esac
    local cmds="extract ingest search show bench train-ner report entities entity quotes conflicts claims timeline serve help"
    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W "$cmds --db --help --version" -- "$cur")); return
    fi
    local opts="--db --help --json"
    case $cmd in
        extract) opts="--jobs --outlet --published --meta --help" ;;
        ingest) opts="--db --jobs --quiet --outlet --published --meta --help" ;;
        search) opts="--since --until --outlet --limit -n --offset --json --csv --db --help" ;;
        quotes) opts="--by --about --since --until --outlet --limit -n --json --csv --db --help" ;;
        entities) opts="--type --limit -n --json --csv --db --help" ;;
        timeline) opts="--since --until --limit -n --json --csv --db --help" ;;
        conflicts) opts="--limit -n --json --csv --db --help" ;;
        claims) opts="--by --limit -n --json --csv --db --help" ;;
        help) COMPREPLY=($(compgen -W "$cmds" -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else COMPREPLY=($(compgen -f -- "$cur")); fi
}
complete -F _dossier dossier
