//! `taskforce-cli`: every use case of the secretariat, headless, for admins,
//! scripts and tests. Parses arguments, calls one core function per command,
//! prints the result as text or JSON. Errors go to stderr as one line; the
//! exit status says what kind of error it was (see `exit_code`).

mod args;
mod print;

use args::*;
use clap::Parser;
use print::Output;
use std::process::ExitCode;
use std::sync::Arc;
use taskforce::calendar::{parse_date, parse_local_datetime};
use taskforce::domain::*;
use taskforce::encryption::{DataKey, FolderEncryption};
use taskforce::error::Field;
use taskforce::import::{parse_members, read_text_file, MemberFormat};
use taskforce::message::MessageKey;
use taskforce::msg;
use taskforce::{Error, ErrorCode, Lang, Message, Result, Store, SystemClock};

fn main() -> ExitCode {
    taskforce::private::private_by_default();
    taskforce::private::no_core_dumps();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            // Errors follow the terminal's language; the rest of the output
            // is the secretariat's Dutch record.
            let lang = Lang::from_env();
            let prefix = match lang {
                Lang::Nl => "fout",
                Lang::En => "error",
            };
            eprintln!("{prefix}: {}", error.message().render(lang));
            ExitCode::from(exit_code(error.code()))
        }
    }
}

/// 1 for input the user can fix, 3 for a database this version refuses,
/// 4 for file-system trouble, 5 for an internal error, 7 for encrypted data
/// without its key. (clap uses 2 for unknown arguments, `check` 6 for a
/// failed check.)
fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::Validation | ErrorCode::NotFound | ErrorCode::Conflict => 1,
        ErrorCode::Incompatible => 3,
        ErrorCode::Io => 4,
        ErrorCode::Internal => 5,
        ErrorCode::Locked => 7,
    }
}

fn database(cli: &Cli) -> Result<std::path::PathBuf> {
    match &cli.db {
        Some(path) => Ok(path.clone()),
        None => taskforce::paths::default_database()
            .ok_or_else(|| Error::validation(Field::Db, MessageKey::CliNoDataFolder)),
    }
}

/// The key of an encrypted data folder: from `--key-file` or
/// `TASKFORCE_KEY_FILE`, else the keychain, else asked on the terminal.
/// Never from an argument or an environment variable's value, which other
/// users' `ps` and the shell's history would show.
fn folder_key(cli: &Cli, database: &std::path::Path) -> Result<Option<DataKey>> {
    let folder = FolderEncryption::read(database)?;
    // A folder whose marker was lost still needs its key: the recovery key
    // opens it and the marker is written again.
    if folder.is_none() && !FolderEncryption::lost(database)? {
        return Ok(None);
    }
    let key_file = cli.key_file.clone().or_else(|| {
        std::env::var_os("TASKFORCE_KEY_FILE")
            .filter(|v| !v.is_empty())
            .map(std::path::PathBuf::from)
    });
    let key = if let Some(file) = key_file {
        read_key_file(&file)?
    } else {
        let kept = match &folder {
            Some(folder) => taskforce_keychain::load(&folder.folder_id),
            None => Err(taskforce_keychain::Missing::MarkerMissing),
        };
        match kept {
            Ok(key) if folder.as_ref().is_some_and(|f| f.opens_with(&key)) => key,
            Ok(_) | Err(_) if std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
                let prompt =
                    Message::new(MessageKey::CliRecoveryKeyPrompt).render(Lang::from_env());
                let typed = zeroize::Zeroizing::new(
                    rpassword::prompt_password(format!("{prompt}: "))
                        .map_err(|e| Error::io(MessageKey::KeyFileUnreadable, "/dev/tty", e))?,
                );
                DataKey::from_recovery_text(&typed)?
            }
            Ok(_) => return Err(Error::Locked(MessageKey::KeychainWrongKey.into())),
            Err(missing) => return Err(Error::Locked(msg!(CliLocked, why = missing.message()))),
        }
    };
    if folder.as_ref().is_some_and(|f| !f.opens_with(&key)) {
        return Err(Error::Locked(MessageKey::DataWrongKey.into()));
    }
    Ok(Some(key))
}

/// Reads a recovery key from a file only its owner can read.
fn read_key_file(file: &std::path::Path) -> Result<DataKey> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file)
            .map_err(|e| Error::io(MessageKey::KeyFileUnreadable, file, e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(Error::validation(
                Field::KeyFile,
                msg!(KeyFileNotPrivate, path = file),
            ));
        }
    }
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(file)
            .map_err(|e| Error::io(MessageKey::KeyFileUnreadable, file, e))?,
    );
    DataKey::from_recovery_text(&text)
}

/// `encrypt`: the recovery key out first, then the key into the keychain and
/// the folder encrypted in place (or an encryption that was cut off finished
/// with the key it already has).
fn encrypt(
    path: &std::path::Path,
    key: Option<DataKey>,
    out: Option<&std::path::Path>,
) -> Result<()> {
    let key = match (key, FolderEncryption::read(path)?) {
        (Some(key), Some(marker)) if marker.converting => key,
        (_, Some(_)) => return Err(Error::conflict(MessageKey::EncryptAlready)),
        (_, None) => {
            let key = DataKey::generate()?;
            match out {
                Some(file) => {
                    use std::io::Write;
                    taskforce::private::create_new(file)
                        .and_then(|mut f| {
                            f.write_all(key.recovery_text().as_bytes())?;
                            f.write_all(b"\n")?;
                            f.sync_all()
                        })
                        .map_err(|e| Error::io(MessageKey::KeyFileWriteFailed, file, e))?;
                }
                None => println!(
                    "herstelsleutel (bewaar hem buiten deze computer): {}",
                    key.recovery_text().as_str()
                ),
            }
            key
        }
    };
    let (report, kept) = taskforce_keychain::encrypt_existing(path, &key, Arc::new(SystemClock))?;
    if let Some(missing) = kept {
        eprintln!("{}", missing.message().render(Lang::from_env()));
    }
    println!(
        "versleuteld: de database, {} documenten en {} reservekopieën",
        report.documents_sealed, report.backups_encrypted
    );
    for left in &report.left_plain {
        println!(
            "niet versleuteld (beschadigd, met de hand verwijderen): {}",
            left.display()
        );
    }
    Ok(())
}

fn run(cli: Cli) -> Result<ExitCode> {
    let path = database(&cli)?;
    let marker_lost = FolderEncryption::lost(&path)?;
    let key = folder_key(&cli, &path)?;
    if let Command::Encrypt { recovery_key_out } = &cli.command {
        encrypt(&path, key, recovery_key_out.as_deref())?;
        return Ok(ExitCode::SUCCESS);
    }
    // Restoring replaces the file, so it happens before anything opens it.
    if let Command::Restore { backup } = &cli.command {
        let safety =
            taskforce_export::archive::restore(&path, backup, Arc::new(SystemClock), key.as_ref())?;
        match safety {
            Some(copy) => println!("hersteld; de vorige database staat in {}", copy.display()),
            None => println!("hersteld"),
        }
        return Ok(ExitCode::SUCCESS);
    }
    let out = Output { json: cli.json };
    let store = Store::open_keyed(&path, Arc::new(SystemClock), key.as_ref())?;
    if let (true, Some(key)) = (marker_lost, key.as_ref()) {
        // The marker was written again with a new keychain name: keep the
        // key under it, so the next command finds it there. A keychain out
        // of reach only means the recovery key is asked again.
        let _ = taskforce_keychain::remember(&path, key);
    }
    match cli.command {
        Command::Term(cmd) => term(&store, &out, cmd),
        Command::Members(cmd) => members(&store, &out, cmd),
        Command::Partner(cmd) => partner(&store, &out, cmd),
        Command::Subject(cmd) => subject(&store, &out, cmd),
        Command::Meeting(cmd) => meeting(&store, &out, cmd),
        Command::Agenda(cmd) => agenda(&store, &out, cmd),
        Command::Invite(cmd) => invite(&store, &out, cmd),
        Command::Attendance(cmd) => attendance(&store, &out, cmd),
        Command::Minutes(cmd) => minutes(&store, &out, cmd),
        Command::Decision(cmd) => decision(&store, &out, cmd),
        Command::Action(cmd) => action(&store, &out, cmd),
        Command::Document(cmd) => return document(&store, &out, cmd),
        Command::RestoreConfirm => {
            store.confirm_restored()?;
            out.one(&true, |_| {
                Message::new(MessageKey::RestoreConfirmed).render(Lang::from_env())
            })
        }
        Command::Backup { to: Some(to) } => {
            taskforce_export::archive::backup_to(&store, &to)?;
            out.one(&to, |p| {
                format!(
                    "reservekopie gecontroleerd en opgeslagen als {}",
                    p.display()
                )
            })
        }
        Command::Backup { to: None } => {
            let made = store.automatic_backup()?;
            out.one(&made, |m| match m {
                Some(p) => format!("reservekopie gemaakt: {}", p.display()),
                None => "er is vandaag al een reservekopie gemaakt".to_string(),
            })
        }
        Command::Restore { .. } | Command::Encrypt { .. } => Ok(()),
        Command::Export(cmd) => export(&store, cmd),
        Command::Search { query, limit } => {
            let hits = store.search(&query, limit)?;
            out.list(&hits, print::hit)
        }
        Command::Check => {
            let report = store.check()?;
            out.one(&report, print::check)?;
            return Ok(if report.is_ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(6)
            });
        }
    }?;
    Ok(ExitCode::SUCCESS)
}

fn term(store: &Store, out: &Output, cmd: TermCommand) -> Result<()> {
    match cmd {
        TermCommand::Add {
            number,
            start,
            end,
            goals,
        } => {
            let term = store.add_term(&NewTerm {
                number,
                starts_on: parse_date(Field::Start, &start)?,
                ends_on: parse_date(Field::End, &end)?,
                goals: goals.unwrap_or_default(),
            })?;
            out.one(&term, print::term)
        }
        TermCommand::List => out.list(&store.term_views()?, print::term_view),
        TermCommand::Show { number } => out.one(&store.term_view(number)?, print::term_view),
        TermCommand::Goals { number, goals } => {
            out.one(&store.set_term_goals(number, &goals)?, print::term)
        }
        TermCommand::Decree { number, decree } => {
            out.one(&store.set_term_decree(number, &decree.form())?, print::term)
        }
        TermCommand::Extend { number, to, decree } => out.one(
            &store.extend_term(number, &to, &decree.form())?,
            print::term_view,
        ),
        TermCommand::Shorten { number, to, decree } => out.one(
            &store.shorten_term(number, &to, &decree.form())?,
            print::term_view,
        ),
        TermCommand::Correct {
            number,
            new_number,
            start,
            end,
        } => {
            let term = store.term(number)?;
            let corrected = NewTerm {
                number: new_number.unwrap_or(term.number),
                starts_on: match start {
                    Some(start) => parse_date(Field::Start, &start)?,
                    None => term.starts_on,
                },
                ends_on: match end {
                    Some(end) => parse_date(Field::End, &end)?,
                    None => term.ends_on,
                },
                goals: term.goals,
            };
            out.one(&store.correct_term(number, &corrected)?, print::term_view)
        }
        TermCommand::StartNext {
            number,
            start,
            end,
            copy_seats,
            drop_seats,
            skip_between,
            decree,
        } => {
            let proposal = store.propose_term()?;
            let seats = if copy_seats {
                proposal
                    .seats
                    .into_iter()
                    .filter(|s| s.from_seat.is_none_or(|id| !drop_seats.contains(&id)))
                    .collect()
            } else {
                Vec::new()
            };
            let start = TermStart {
                number: number.unwrap_or(proposal.number),
                starts_on: start.unwrap_or_else(|| proposal.starts_on.to_string()),
                ends_on: end.unwrap_or_else(|| proposal.ends_on.to_string()),
                goals: proposal.goals,
                decree: decree.form(),
                seats,
                skip_between,
            };
            out.one(&store.start_term(&start)?, print::term_view)
        }
        TermCommand::Template { number } => {
            out.list(&store.agenda_template(number)?, print::template_item)
        }
    }
}

fn members(store: &Store, out: &Output, cmd: MembersCommand) -> Result<()> {
    match cmd {
        MembersCommand::Import { file, term, format } => {
            let content = read_text_file(&file)?;
            let format = match format {
                Some(FormatArg::Text) => MemberFormat::DecreeText,
                Some(FormatArg::Csv) => MemberFormat::Csv,
                None => MemberFormat::detect(file.to_str(), &content),
            };
            let seats = parse_members(&content, format)?;
            let outcome = store.import_seats(term, &seats)?;
            out.one(&outcome, |o| {
                format!(
                    "{} leden toegevoegd, {} waren er al",
                    o.added, o.already_present
                )
            })
        }
        MembersCommand::Seed => {
            let (_, outcome) = taskforce::seed::start_with_term5(store)?;
            out.one(&outcome, |o| {
                format!(
                    "termijn 5: {} leden toegevoegd, {} waren er al",
                    o.added, o.already_present
                )
            })
        }
        MembersCommand::List { term } => out.list(&store.seats(term)?, print::seat),
        MembersCommand::Add { term, seat } => {
            out.one(&store.add_seat(term, &seat.draft()?)?, print::seat)
        }
        MembersCommand::Update { seat_id, seat } => {
            out.one(&store.update_seat(seat_id, &seat.draft()?)?, print::seat)
        }
        MembersCommand::History { seat_id } => {
            out.list(&store.seat_history(seat_id)?, print::seat_change)
        }
        MembersCommand::End {
            seat_id,
            on,
            successor_organisation,
            successor_role,
            successor_person,
        } => {
            let successor = match (successor_organisation, successor_role) {
                (Some(organisation), Some(role)) => Some(SeatDraft {
                    organisation,
                    role,
                    person: successor_person,
                    ..SeatDraft::default()
                }),
                _ => None,
            };
            out.one(
                &store.end_seat(seat_id, parse_date(Field::EndsOn, &on)?, successor.as_ref())?,
                print::seat,
            )
        }
        MembersCommand::Remove { seat_id } => {
            store.remove_seat(seat_id)?;
            out.removed(seat_id)
        }
    }
}

fn partner(store: &Store, out: &Output, cmd: PartnerCommand) -> Result<()> {
    match cmd {
        PartnerCommand::Add(fields) => {
            out.one(&store.add_partner(&fields.draft()?)?, print::partner)
        }
        PartnerCommand::Update { id, fields } => {
            out.one(&store.update_partner(id, &fields.draft()?)?, print::partner)
        }
        PartnerCommand::List { limit, offset } => {
            out.list(&store.partners(limit, offset)?, print::partner)
        }
        PartnerCommand::Show { id } => out.one(&store.partner(id)?, print::partner),
        PartnerCommand::Erase { id } => out.one(&store.erase_partner(id)?, print::partner),
        PartnerCommand::Remove { id } => {
            store.remove_partner(id)?;
            out.removed(id)
        }
        PartnerCommand::Review { years } => out.list(&store.partners_to_review(years)?, |r| {
            print::partner(&r.partner)
        }),
        PartnerCommand::EraseReviewed { years } => {
            let ids: Vec<Id> = store
                .partners_to_review(years)?
                .iter()
                .map(|r| r.partner.id)
                .collect();
            let erased = store.erase_partners(&ids)?;
            println!("{erased} partners gewist");
            Ok(())
        }
        PartnerCommand::Suggest { subject, meeting } => out.list(
            &store.suggest_partners(subject, meeting)?,
            print::suggestion,
        ),
    }
}

fn subject(store: &Store, out: &Output, cmd: SubjectCommand) -> Result<()> {
    match cmd {
        SubjectCommand::Anonymise { id } => {
            store.anonymise(taskforce::domain::Anonymisable::Subject, id)?;
            out.one(&id, |id| {
                Message::new(MessageKey::CliAnonymised).render(Lang::from_env())
                    + &format!(" ({id})")
            })
        }
        SubjectCommand::Add(fields) => {
            out.one(&store.add_subject(&fields.draft()?)?, print::subject)
        }
        SubjectCommand::Update { id, fields } => {
            out.one(&store.update_subject(id, &fields.draft()?)?, print::subject)
        }
        SubjectCommand::Status { id, status } => out.one(
            &store.set_subject_status(id, SubjectStatus::parse(&status)?)?,
            print::subject,
        ),
        SubjectCommand::Archive { id, undo } => {
            out.one(&store.archive_subject(id, !undo)?, print::subject)
        }
        SubjectCommand::Remove { id } => {
            store.remove_subject(id)?;
            out.removed(id)
        }
        SubjectCommand::Show { id } => out.one(&store.subject(id)?, print::subject),
        SubjectCommand::List { kind, status, tag } => {
            let filter = SubjectFilter {
                kind: kind.as_deref().map(SubjectKind::parse).transpose()?,
                status: status.as_deref().map(SubjectStatus::parse).transpose()?,
                tag: tag.as_deref().map(Tag::parse).transpose()?,
                ..SubjectFilter::default()
            };
            out.list(&store.subjects(&filter)?, print::subject)
        }
    }
}

fn meeting(store: &Store, out: &Output, cmd: MeetingCommand) -> Result<()> {
    match cmd {
        MeetingCommand::Add {
            term,
            start,
            end,
            location,
            empty_agenda,
        } => {
            let draft = MeetingDraft {
                term_number: term,
                starts_at: parse_local_datetime(Field::Start, &start)?,
                ends_at: parse_local_datetime(Field::End, &end)?,
                location: location.unwrap_or_default(),
            };
            out.one(
                &store.add_meeting(
                    &draft,
                    if empty_agenda {
                        NewAgenda::Empty
                    } else {
                        NewAgenda::FromTemplate
                    },
                )?,
                print::meeting,
            )
        }
        MeetingCommand::Series {
            term,
            first,
            every,
            count,
            start,
            end,
            location,
            break_from,
            break_to,
            flag_only,
            preview,
        } => {
            let form = SeriesForm {
                term_number: term,
                first_date: first,
                every_weeks: every,
                count,
                start_time: start,
                end_time: end,
                location: location.unwrap_or_default(),
                break_from,
                break_to,
                move_off_holidays: !flag_only,
            };
            if preview {
                out.one(&store.preview_series(&form)?, print::series)
            } else {
                out.list(&store.plan_series(&form)?, print::meeting)
            }
        }
        MeetingCommand::List { term } => out.list(&store.meetings(term)?, print::meeting),
        MeetingCommand::Show { id } => out.one(&store.meeting(id)?, print::meeting),
        MeetingCommand::SetSubject { id, subject } => out.one(
            &store.set_meeting_subject(id, Some(subject))?,
            print::meeting,
        ),
        MeetingCommand::ClearSubject { id } => {
            out.one(&store.set_meeting_subject(id, None)?, print::meeting)
        }
        MeetingCommand::Schedule { id } => out.one(&store.schedule_meeting(id)?, print::meeting),
        MeetingCommand::Hold { id } => out.one(&store.hold_meeting(id)?, print::meeting),
        MeetingCommand::Cancel { id } => out.one(&store.cancel_meeting(id)?, print::meeting),
        MeetingCommand::Remove { id } => {
            store.remove_meeting(id)?;
            out.removed(id)
        }
        MeetingCommand::Move {
            id,
            start,
            end,
            location,
        } => {
            let starts_at = parse_local_datetime(Field::Start, &start)?;
            let ends_at = parse_local_datetime(Field::End, &end)?;
            out.one(
                &store.reschedule_meeting(id, starts_at, ends_at, location.as_deref())?,
                print::meeting,
            )
        }
    }
}

fn agenda(store: &Store, out: &Output, cmd: AgendaCommand) -> Result<()> {
    match cmd {
        AgendaCommand::List { meeting } => {
            let agenda = store.planned_agenda(meeting)?;
            if out.json {
                return out.one(&agenda, |_| String::new());
            }
            out.list(&agenda.items, print::planned_item)?;
            let end = taskforce::calendar::dutch_datetime(agenda.ends_at);
            println!("geplande eindtijd: {end}");
            Ok(())
        }
        AgendaCommand::Add { meeting, item } => out.one(
            &store.add_agenda_item(meeting, &item.draft()?)?,
            print::item,
        ),
        AgendaCommand::Update { item_id, item } => out.one(
            &store.update_agenda_item(item_id, &item.draft()?)?,
            print::item,
        ),
        AgendaCommand::Move { item_id, to } => {
            out.list(&store.move_agenda_item(item_id, to)?, print::item)
        }
        AgendaCommand::Remove { item_id } => {
            out.list(&store.remove_agenda_item(item_id)?, print::item)
        }
    }
}

fn invite(store: &Store, out: &Output, cmd: InviteCommand) -> Result<()> {
    match cmd {
        InviteCommand::Add { meeting, partner } => {
            out.one(&store.propose_partner(meeting, partner)?, print::invitation)
        }
        InviteCommand::Set {
            invitation,
            status,
            correction,
        } => out.one(
            &store.set_invitation_status(
                invitation,
                InvitationStatus::parse(&status)?,
                correction.as_deref(),
            )?,
            print::invitation,
        ),
        InviteCommand::List { meeting } => {
            out.list(&store.invitations(meeting)?, print::invitation)
        }
        InviteCommand::History { invitation } => out.list(
            &store.invitation_history(invitation)?,
            print::invitation_event,
        ),
        InviteCommand::Withdraw { invitation } => match store.withdraw_invitation(invitation)? {
            Some(withdrawn) => out.one(&withdrawn, print::invitation),
            None => out.removed(invitation),
        },
        InviteCommand::Reason { invitation, reason } => out.one(
            &store.set_invitation_reason(invitation, &reason)?,
            print::invitation,
        ),
        InviteCommand::Drafts { meeting, out: dir } => {
            let drafts = taskforce_export::drafts::meeting_drafts(store, meeting)?;
            warn(&drafts.warnings);
            for draft in &drafts.drafts {
                let path = dir.join(&draft.file_name);
                taskforce_export::write_atomically(&path, &draft.eml)?;
                println!("{}", path.display());
            }
            drafts.record(store, meeting)?;
            Ok(())
        }
        InviteCommand::Sent { meeting } => out.one(
            &store.mark_members_invitation_sent(meeting)?,
            print::meeting,
        ),
        InviteCommand::Sender {
            email,
            name,
            signature,
        } => {
            let current = store.mail_settings()?;
            let settings = store.set_mail_settings(&MailSettings {
                sender_email: email,
                sender_name: name.unwrap_or(current.sender_name.clone()),
                signature: signature.unwrap_or(current.signature.clone()),
                ..current
            })?;
            out.one(&settings, |s| {
                format!("{} <{}>", s.sender_name, s.sender_email)
            })
        }
    }
}

/// What the user should know before sending, on stderr in the terminal's
/// language.
fn warn(warnings: &[taskforce::Message]) {
    let lang = Lang::from_env();
    for warning in warnings {
        eprintln!(
            "{}: {}",
            match lang {
                Lang::Nl => "let op",
                Lang::En => "note",
            },
            warning.render(lang)
        );
    }
}

fn attendance(store: &Store, out: &Output, cmd: AttendanceCommand) -> Result<()> {
    match cmd {
        AttendanceCommand::Clear { meeting, seat } => {
            out.list(&store.clear_attendance(meeting, seat)?, print::attendance)
        }
        AttendanceCommand::Set {
            meeting,
            seat,
            status,
            by,
        } => out.list(
            &store.set_attendance(
                meeting,
                seat,
                AttendanceStatus::parse(&status)?,
                by.as_deref(),
            )?,
            print::attendance,
        ),
        AttendanceCommand::List { meeting } => {
            out.list(&store.attendance(meeting)?, print::attendance)
        }
    }
}

fn minutes(store: &Store, out: &Output, cmd: MinutesCommand) -> Result<()> {
    match cmd {
        MinutesCommand::Set {
            meeting,
            file,
            text,
        } => {
            let body = match (file, text) {
                (Some(file), None) => read_text_file(&file)?,
                (None, Some(text)) => text,
                _ => return Err(Error::validation(Field::Text, MessageKey::CliFileOrText)),
            };
            out.one(&store.set_minutes(meeting, &body)?, print::minutes)
        }
        MinutesCommand::Adopt { meeting, at } => {
            out.one(&store.adopt_minutes(meeting, at)?, print::minutes)
        }
        MinutesCommand::Show { meeting } => match store.minutes(meeting)? {
            Some(minutes) => out.one(&minutes, print::minutes),
            None => out.one(&serde_json::Value::Null, |_| "nog geen verslag".to_string()),
        },
    }
}

fn decision(store: &Store, out: &Output, cmd: DecisionCommand) -> Result<()> {
    match cmd {
        DecisionCommand::Anonymise { id } => {
            store.anonymise(taskforce::domain::Anonymisable::Decision, id)?;
            out.one(&id, |id| {
                Message::new(MessageKey::CliAnonymised).render(Lang::from_env())
                    + &format!(" ({id})")
            })
        }
        DecisionCommand::Add { meeting, text } => {
            out.one(&store.add_decision(meeting, &text)?, print::decision)
        }
        DecisionCommand::Edit { id, text } => {
            out.one(&store.edit_decision(id, &text)?, print::decision)
        }
        DecisionCommand::Remove { id } => {
            store.remove_decision(id)?;
            out.removed(id)
        }
        DecisionCommand::Amend { id, meeting, text } => {
            out.one(&store.amend_decision(id, meeting, &text)?, print::decision)
        }
        DecisionCommand::List { term, meeting } => match (term, meeting) {
            (_, Some(meeting)) => out.list(&store.decisions_of_meeting(meeting)?, print::decision),
            (Some(term), None) => out.list(&store.decisions_of_term(term)?, print::decision),
            (None, None) => Err(Error::validation(Field::Term, MessageKey::CliTermOrMeeting)),
        },
    }
}

fn action(store: &Store, out: &Output, cmd: ActionCommand) -> Result<()> {
    match cmd {
        ActionCommand::Anonymise { id } => {
            store.anonymise(taskforce::domain::Anonymisable::Action, id)?;
            out.one(&id, |id| {
                Message::new(MessageKey::CliAnonymised).render(Lang::from_env())
                    + &format!(" ({id})")
            })
        }
        ActionCommand::Add {
            meeting,
            description,
            owner,
            due,
        } => {
            let due = due
                .as_deref()
                .map(|d| parse_date(Field::Due, d))
                .transpose()?;
            out.one(
                &store.add_action(meeting, &description, &ActionOwner::parse(&owner)?, due)?,
                print::action,
            )
        }
        ActionCommand::Done { id } => out.one(&store.complete_action(id)?, print::action),
        ActionCommand::Drop { id } => out.one(&store.drop_action(id)?, print::action),
        ActionCommand::Postpone { id, to } => out.one(
            &store.postpone_action(id, parse_date(Field::To, &to)?)?,
            print::action,
        ),
        ActionCommand::Edit {
            id,
            description,
            owner,
            due,
        } => {
            let action = store.action(id)?;
            let edit = taskforce::domain::ActionEdit {
                description: description.unwrap_or(action.description),
                owner: match owner {
                    Some(owner) => ActionOwner::parse(&owner)?,
                    None => action.owner,
                },
                due_on: match due.as_deref() {
                    None => action.due_on,
                    Some("geen" | "none") => None,
                    Some(due) => Some(parse_date(Field::Due, due)?),
                },
            };
            out.one(&store.edit_action(id, &edit)?, print::action)
        }
        ActionCommand::Reopen { id, reason } => {
            out.one(&store.reopen_action(id, &reason)?, print::action)
        }
        ActionCommand::History { id } => out.list(&store.action_history(id)?, print::action_event),
        ActionCommand::List {
            meeting,
            status,
            owner,
            overdue,
            term,
            limit,
            offset,
        } => {
            if let Some(meeting) = meeting {
                return out.list(&store.action_list_for_meeting(meeting)?, print::action);
            }
            let today = store.today();
            let filter = ActionFilter {
                status: status.as_deref().map(ActionStatus::parse).transpose()?,
                owner: owner.as_deref().map(ActionOwner::parse).transpose()?,
                overdue_on: overdue.then_some(today),
                limit: Some(limit),
                offset: Some(offset),
                term,
                overdue: false,
            };
            out.list(&store.actions(&filter)?, print::action)
        }
    }
}

fn document(store: &Store, out: &Output, cmd: DocumentCommand) -> Result<ExitCode> {
    match cmd {
        DocumentCommand::Attach {
            file,
            target,
            kind,
            title,
            confidential,
        } => {
            let kind = DocumentKind::parse(&kind)?;
            let linked = store.attach_document(
                &file,
                target.target(),
                kind,
                title.as_deref(),
                confidential,
            )?;
            out.one(&linked, print::linked_document)?;
        }
        DocumentCommand::List { target } => out.list(
            &store.documents_of(target.target())?,
            print::linked_document,
        )?,
        DocumentCommand::OpenPath { id } => {
            let path = store.document_file(id)?;
            out.one(&path, |p| p.display().to_string())?;
        }
        DocumentCommand::Export { id, destination } => {
            store.export_document(id, &destination)?;
            out.one(&destination, |p| format!("opgeslagen als {}", p.display()))?;
        }
        DocumentCommand::Rename { id, title } => {
            let document = store.rename_document(id, &title)?;
            out.one(&document, |d| format!("[{}] {}", d.id, d.title))?;
        }
        DocumentCommand::Unlink { link_id } => {
            store.unlink_document(link_id)?;
            out.one(&link_id, |id| format!("koppeling {id} verwijderd"))?;
        }
        DocumentCommand::Verify => {
            let report = store.verify_documents()?;
            out.one(&report, print::verify)?;
            if !report.is_ok() {
                return Ok(ExitCode::from(6));
            }
        }
        DocumentCommand::Gc => {
            let report = store.collect_garbage()?;
            out.one(&report, |r| {
                let done = format!(
                    "{} documenten en {} bestanden opgeruimd",
                    r.documents_removed, r.files_removed
                );
                match &r.held_back {
                    Some(why) => format!("{done}; {}", why.render(Lang::from_env())),
                    None => done,
                }
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Each subject is committed with its tags in one transaction before its
/// number is printed, so every printed number must survive a SIGKILL.
fn export(store: &Store, cmd: ExportCommand) -> Result<()> {
    use taskforce_export::{Export, ListKind};
    let (what, out) = match cmd {
        ExportCommand::Ics { meeting, term, out } => match (meeting, term) {
            (Some(meeting), _) => (Export::MeetingCalendar { meeting }, out),
            (None, Some(term)) => (Export::TermCalendar { term }, out),
            (None, None) => {
                return Err(Error::validation(
                    Field::Meeting,
                    MessageKey::CliTermOrMeeting,
                ))
            }
        },
        ExportCommand::Agenda {
            meeting,
            external,
            out,
        } => {
            let audience = audience(external);
            let format = format_of(&out)?;
            (
                Export::Agenda {
                    meeting,
                    audience,
                    format,
                },
                out,
            )
        }
        ExportCommand::Pack {
            meeting,
            external,
            out,
        } => {
            let audience = audience(external);
            let pack = taskforce_export::pack::meeting_pack(store, meeting, audience)?;
            warn(&pack.warnings);
            taskforce_export::write_atomically(&out, &pack.pdf)?;
            for attachment in &pack.attachments {
                println!("apart meesturen: {}", attachment.file_name);
            }
            println!("opgeslagen als {}", out.display());
            return Ok(());
        }
        ExportCommand::Minutes { meeting, out } => {
            let format = format_of(&out)?;
            (Export::Minutes { meeting, format }, out)
        }
        ExportCommand::Report { term, out } => (Export::TermReport { term }, out),
        ExportCommand::Csv { list, term, out } => {
            let list = match list {
                ListArg::Seats => ListKind::Seats,
                ListArg::Partners => ListKind::Partners,
                ListArg::Actions => ListKind::Actions,
                ListArg::Decisions => ListKind::Decisions,
                ListArg::Subjects => ListKind::Subjects,
            };
            (Export::List { list, term }, out)
        }
    };
    what.save(store, &out)?;
    println!("opgeslagen als {}", out.display());
    Ok(())
}

/// Who an agenda or pack is for, by `--external`.
fn audience(external: bool) -> taskforce_export::Audience {
    if external {
        taskforce_export::Audience::External
    } else {
        taskforce_export::Audience::Internal
    }
}

/// PDF or Word, by the extension the user gave the file.
fn format_of(out: &std::path::Path) -> Result<taskforce_export::Format> {
    let extension = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => Ok(taskforce_export::Format::Pdf),
        "docx" => Ok(taskforce_export::Format::Docx),
        _ => Err(Error::validation(Field::Out, MessageKey::CliOutPdfOrDocx)),
    }
}
