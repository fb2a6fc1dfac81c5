//! The connection to the server is encrypted and the server's certificate
//! verified: against the CA file the administrator hands out, or the
//! system's store; a certificate nobody here vouches for, or one for
//! another name, is refused before anything is sent. The test server is
//! given a certificate of the test's own making.

use openssl::asn1::Asn1Time;
use openssl::bn::BigNum;
use openssl::ec::{EcGroup, EcKey};
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkey::{PKey, Private};
use openssl::x509::extension::{BasicConstraints, KeyUsage, SubjectAlternativeName};
use openssl::x509::{X509Name, X509};
use taskforce::message::MessageKey;
use taskforce::store::server::scratch::Scratch;
use taskforce::{Error, Store};
use taskforce_dev::fixture;

fn key() -> PKey<Private> {
    let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap();
    PKey::from_ec_key(EcKey::generate(&group).unwrap()).unwrap()
}

fn name(common: &str) -> X509Name {
    let mut name = X509Name::builder().unwrap();
    name.append_entry_by_nid(Nid::COMMONNAME, common).unwrap();
    name.build()
}

/// A CA of its own: its certificate and key.
fn authority(common: &str) -> (X509, PKey<Private>) {
    let key = key();
    let mut ca = X509::builder().unwrap();
    ca.set_version(2).unwrap();
    ca.set_serial_number(&BigNum::from_u32(1).unwrap().to_asn1_integer().unwrap())
        .unwrap();
    ca.set_subject_name(&name(common)).unwrap();
    ca.set_issuer_name(&name(common)).unwrap();
    ca.set_pubkey(&key).unwrap();
    ca.set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    ca.set_not_after(&Asn1Time::days_from_now(30).unwrap())
        .unwrap();
    ca.append_extension(BasicConstraints::new().critical().ca().build().unwrap())
        .unwrap();
    ca.append_extension(
        KeyUsage::new()
            .critical()
            .key_cert_sign()
            .crl_sign()
            .build()
            .unwrap(),
    )
    .unwrap();
    ca.sign(&key, MessageDigest::sha256()).unwrap();
    (ca.build(), key)
}

/// A server certificate for `localhost` (the name only, not the address)
/// signed by `ca`, and its key — both PEM.
fn server_certificate(ca: &(X509, PKey<Private>)) -> (String, String) {
    signed(ca, "localhost", true)
}

/// A certificate for `name` signed by `ca` (naming `name` as a DNS name
/// too when `server`), and its key (PKCS#8) — both PEM.
fn signed(ca: &(X509, PKey<Private>), name_in_it: &str, server: bool) -> (String, String) {
    let key = key();
    let mut certificate = X509::builder().unwrap();
    certificate.set_version(2).unwrap();
    certificate
        .set_serial_number(&BigNum::from_u32(2).unwrap().to_asn1_integer().unwrap())
        .unwrap();
    certificate.set_subject_name(&name(name_in_it)).unwrap();
    certificate.set_issuer_name(ca.0.subject_name()).unwrap();
    certificate.set_pubkey(&key).unwrap();
    certificate
        .set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    certificate
        .set_not_after(&Asn1Time::days_from_now(30).unwrap())
        .unwrap();
    if server {
        let names = SubjectAlternativeName::new()
            .dns(name_in_it)
            .build(&certificate.x509v3_context(Some(&ca.0), None))
            .unwrap();
        certificate.append_extension(names).unwrap();
    }
    certificate.sign(&ca.1, MessageDigest::sha256()).unwrap();
    let pem = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (
        pem(certificate.build().to_pem().unwrap()),
        pem(key.private_key_to_pem_pkcs8().unwrap()),
    )
}

/// The sentence an error says (a file's error says it of the file).
fn refusal(error: &Error) -> MessageKey {
    match error {
        Error::Io { message, .. } => message.key,
        other => other.message().key,
    }
}

#[test]
fn the_connection_is_encrypted_and_a_certificate_nobody_here_vouches_for_is_refused() {
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ministry = authority("Test-CA Rijk");
    let (certificate, key) = server_certificate(&ministry);
    scratch.serve_tls(&certificate, &key);
    let ca_file = dir.path().join("ca rijk.pem");
    std::fs::write(&ca_file, ministry.0.to_pem().unwrap()).unwrap();
    let stranger_file = dir.path().join("other.pem");
    std::fs::write(
        &stranger_file,
        authority("Someone else").0.to_pem().unwrap(),
    )
    .unwrap();

    let (url, password) = scratch.url_and_password();
    let port = url.rsplit(':').next().unwrap().split('/').next().unwrap();
    let database = url.rsplit('/').next().unwrap();
    let user = std::env::var("PGUSER").unwrap_or_else(|_| "postgres".into());
    let clock = std::sync::Arc::new(taskforce::FixedClock::new(fixture::at(2026, 12, 7, 9, 0)));
    let open = |host: &str, options: &str| {
        Store::open_server(
            &format!(
                "host={host} port={port} dbname={database} user={user} password='{password}' {options}"
            ),
            clock.clone(),
        )
    };
    let encrypted = |client: &mut postgres::Client| -> i64 {
        client
            .query_one(
                "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)
                  WHERE datname = current_database() AND ssl",
                &[],
            )
            .unwrap()
            .get(0)
    };
    let ca = format!("sslrootcert='{}'", ca_file.display());

    // The reload that turns the certificate on reaches new connections
    // a moment later.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let store = loop {
        match open("localhost", &format!("sslmode=verify-full {ca}")) {
            Ok(store) => break store,
            Err(e) if std::time::Instant::now() < deadline => {
                eprintln!("waiting for the server's TLS: {e}");
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Err(e) => panic!("{e:?}"),
        }
    };
    store.subjects(&Default::default()).unwrap();
    assert_eq!(encrypted(&mut scratch.client()), 1, "the app's connection");
    drop(store);

    // The system's store does not know the test's CA; a CA file of
    // another authority does not vouch for it either.
    for options in [
        "sslmode=verify-full".to_string(),
        format!(
            "sslmode=verify-full sslrootcert='{}'",
            stranger_file.display()
        ),
        format!("sslrootcert='{}'", stranger_file.display()),
    ] {
        let error = open("localhost", &options).unwrap_err();
        assert_eq!(
            refusal(&error),
            MessageKey::ServerCertificateUntrusted,
            "{options}: {error:?}"
        );
        assert!(
            error.to_string().contains("niet vertrouwd"),
            "{options}: {error}"
        );
    }

    // The certificate names `localhost`, not the address: verify-full
    // refuses it there, verify-ca (the chain only) takes it.
    let error = open("127.0.0.1", &format!("sslmode=verify-full {ca}")).unwrap_err();
    assert_eq!(refusal(&error), MessageKey::ServerCertificateUntrusted);
    open("127.0.0.1", &format!("sslmode=verify-ca {ca}")).unwrap();

    // A CA file that is not there, or not a certificate, is said as such.
    let error = open(
        "localhost",
        &format!("sslrootcert='{}'", dir.path().join("missing.pem").display()),
    )
    .unwrap_err();
    assert_eq!(refusal(&error), MessageKey::ServerCertificateFileUnreadable);
    let error = open(
        "localhost",
        &format!("sslrootcert='{}'", dir.path().display()),
    )
    .unwrap_err();
    assert_eq!(
        refusal(&error),
        MessageKey::ServerCertificateFileUnreadable,
        "{error:?}"
    );
    std::fs::write(dir.path().join("garbage.pem"), "geen certificaat").unwrap();
    let error = open(
        "localhost",
        &format!("sslrootcert='{}'", dir.path().join("garbage.pem").display()),
    )
    .unwrap_err();
    assert_eq!(refusal(&error), MessageKey::ServerCertificateFileInvalid);

    // Without sslmode a server on this computer is reached as before,
    // unencrypted; a server elsewhere is never reached unencrypted.
    open("localhost", "").unwrap();
    let error = Store::open_server(
        "postgres://anna@db.minjenv.example/tf?sslmode=disable",
        clock.clone(),
    )
    .unwrap_err();
    assert_eq!(refusal(&error), MessageKey::ServerTlsRequired);

    // A login the server lets in only by a client certificate: with the
    // certificate and its key it is in, without them it is not.
    let (client_certificate, client_key) = signed(&ministry, "taskforce_test_cert", false);
    let certificate_file = dir.path().join("client.pem");
    let key_file = dir.path().join("client.key");
    std::fs::write(&certificate_file, client_certificate).unwrap();
    std::fs::write(&key_file, client_key).unwrap();
    scratch.allow_certificate_login(
        "taskforce_test_cert",
        &String::from_utf8(ministry.0.to_pem().unwrap()).unwrap(),
    );
    let as_certified = |options: &str| {
        Store::open_server(
            &format!(
                "host=localhost port={port} dbname={database} user=taskforce_test_cert {ca} {options}"
            ),
            clock.clone(),
        )
    };
    let with_certificate = format!(
        "sslcert='{}' sslkey='{}'",
        certificate_file.display(),
        key_file.display()
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let certified = loop {
        match as_certified(&with_certificate) {
            Ok(store) => break store,
            Err(e) if std::time::Instant::now() < deadline => {
                eprintln!("waiting for the server's pg_hba: {e}");
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Err(e) => panic!("{e:?}"),
        }
    };
    certified.subjects(&Default::default()).unwrap();
    let error = as_certified("").unwrap_err();
    assert_eq!(refusal(&error), MessageKey::ServerLoginFailed, "{error:?}");

    // A server that offers no TLS is not reached when TLS is asked for.
    scratch.stop_tls();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let error = loop {
        match open("localhost", &format!("sslmode=verify-full {ca}")) {
            Err(error) => break error,
            Ok(_) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Ok(_) => panic!("the server still offers TLS"),
        }
    };
    assert_eq!(refusal(&error), MessageKey::ServerNoTls, "{error:?}");
    assert!(error.to_string().contains("geen versleutelde"), "{error}");
}
