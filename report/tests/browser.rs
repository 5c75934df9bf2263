//! The report in a real browser: Debian's headless Chromium loads the
//! file from disk with the network off, and the test fails on any
//! console error, script exception or request; it checks the sections,
//! the layout at 1280 px, a known entity's waterfall after a click and
//! another after the keyboard, printing, and saves screenshots.
//!
//! Chromium is driven over `--remote-debugging-pipe` with the DevTools
//! protocol spoken here (NUL-separated JSON on two file descriptors):
//! no port, no WebSocket, no driver crate (the Rust CDP clients pull in
//! an async runtime or a WebSocket stack for what is a dozen commands).
//! `.ci/run` installs Chromium when it is missing; without it this test
//! fails.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use sameas::normalize::PhoneNormalizer;
use sameas::resolve::{Resolution, Resolver};
use sameas::{FieldKind, OwnedRecord, PrepareOptions, Schema};
use sameas_report::{ReportOptions, write_report};
use serde_json::{Value, json};

/// The bundled sample (a CRM, a newsletter without most surnames,
/// support tickets), resolved through the library as `sameas resolve`
/// does, with the newsletter duplicate-free.
fn sample_resolution() -> Resolution {
    let schema = Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("family", FieldKind::FamilyName)
        .sensitive_field("dob", FieldKind::Date)
        .field("email", FieldKind::Email)
        .field("phone", FieldKind::Phone)
        .field("address", FieldKind::Address)
        .field("city", FieldKind::City)
        .field("postcode", FieldKind::Postcode)
        .build()
        .unwrap();
    let options = PrepareOptions::builder()
        .phones(
            PhoneNormalizer::builder()
                .default_country("US")
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let mut resolver = Resolver::with_options(schema, options);
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    for (source, duplicate_free) in [("crm", false), ("newsletter", true), ("support", false)] {
        let mut reader = csv::Reader::from_path(data.join(format!("{source}.csv"))).unwrap();
        let header = reader.headers().unwrap().clone();
        let records: Vec<OwnedRecord> = reader
            .records()
            .map(|row| {
                let row = row.unwrap();
                let mut record = OwnedRecord::new(&row[0]);
                for (column, value) in header.iter().zip(row.iter()).skip(1) {
                    if !value.is_empty() {
                        record = record.with(column, value);
                    }
                }
                record
            })
            .collect();
        resolver
            .add_source(source, duplicate_free, &records)
            .unwrap();
    }
    resolver.resolve().unwrap()
}

/// A headless Chromium and one page of it, spoken to over the pipe.
struct Browser {
    child: Child,
    commands: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    session: String,
    /// Events seen while waiting for answers.
    events: Vec<Value>,
    _profile: TempDir,
}

/// A fresh directory, removed on drop.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Browser {
    fn launch(name: &str) -> Browser {
        let binary = ["chromium", "/usr/bin/chromium"]
            .into_iter()
            .find(|candidate| {
                Command::new(candidate)
                    .arg("--version")
                    .output()
                    .is_ok_and(|o| o.status.success())
            })
            .expect(
                "Debian's chromium is needed (`.ci/run` installs it: apt-get install chromium)",
            );
        let profile = TempDir(
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("chromium-profile-{name}")),
        );
        let _ = std::fs::remove_dir_all(&profile.0);
        std::fs::create_dir_all(&profile.0).unwrap();
        // fds 3 and 4 carry the protocol: the shell maps our stdin and
        // stdout there, then gives Chromium nothing on 0 and 1.
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null"#)
            .arg(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.0.display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        let commands = child.stdin.take().unwrap();
        let output = child.stdout.take().unwrap();
        let (send, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            let mut message = Vec::new();
            while reader.read_until(0, &mut message).is_ok_and(|n| n > 0) {
                message.pop();
                if let Ok(value) = serde_json::from_slice::<Value>(&message) {
                    if send.send(value).is_err() {
                        break;
                    }
                }
                message.clear();
            }
        });
        let mut browser = Browser {
            child,
            commands,
            messages,
            next_id: 0,
            session: String::new(),
            events: Vec::new(),
            _profile: profile,
        };
        let target = browser.call_browser("Target.createTarget", json!({ "url": "about:blank" }));
        let attached = browser.call_browser(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            browser.call(domain, json!({}));
        }
        browser.call(
            "Network.emulateNetworkConditions",
            json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        );
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
        );
        browser
    }

    fn send(&mut self, method: &str, params: Value, session: Option<&str>) -> u64 {
        self.next_id += 1;
        let mut message = json!({ "id": self.next_id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.commands.write_all(&bytes).unwrap();
        self.commands.flush().unwrap();
        self.next_id
    }

    /// The next message, keeping events; panics after 60 s of silence.
    fn receive(&mut self) -> Value {
        match self.messages.recv_timeout(Duration::from_secs(60)) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("chromium did not answer within 60 s"),
            Err(RecvTimeoutError::Disconnected) => panic!("chromium closed the pipe"),
        }
    }

    fn wait_for(&mut self, id: u64, method: &str) -> Value {
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method} failed: {message}");
                return message["result"].clone();
            }
            self.events.push(message);
        }
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        let id = self.send(method, params, None);
        self.wait_for(id, method)
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        let id = self.send(method, params, Some(&session));
        self.wait_for(id, method)
    }

    /// Evaluates `expression` in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {result}"
        );
        result["result"]["value"].clone()
    }

    fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self
            .events
            .iter()
            .any(|e| e["method"] == "Page.loadEventFired")
        {
            assert!(Instant::now() < deadline, "the page did not load");
            let message = self.receive();
            self.events.push(message);
        }
    }

    /// A key press through the input pipeline, as a keyboard makes it.
    fn press(&mut self, key: &str, code: u32) {
        for kind in ["keyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code, "text": if kind == "keyDown" && key == "Enter" { "\r" } else { "" } }),
            );
        }
    }

    /// A PNG of the page region `selector` covers (the viewport's width).
    fn screenshot(&mut self, selector: &str, max_height: u32, path: &Path) {
        let rect = self.eval(&format!(
            "(() => {{ const r = document.querySelector({selector:?}).getBoundingClientRect(); \
             return [r.top + window.scrollY, Math.min(r.height, {max_height})]; }})()"
        ));
        let (top, height) = (rect[0].as_f64().unwrap(), rect[1].as_f64().unwrap());
        let shot = self.call(
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": top, "width": 1280, "height": height, "scale": 1 } }),
        );
        let png = base64(shot["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(path, png).unwrap();
    }

    /// Every problem the page reported: console errors, exceptions, log
    /// errors, and requests for anything but `allowed`.
    fn problems(&self, allowed: &str) -> Vec<String> {
        let mut problems = Vec::new();
        for event in &self.events {
            let params = &event["params"];
            match event["method"].as_str() {
                Some("Runtime.consoleAPICalled")
                    if matches!(params["type"].as_str(), Some("error" | "assert")) =>
                {
                    problems.push(format!("console {}: {}", params["type"], params["args"]));
                }
                Some("Runtime.exceptionThrown") => {
                    problems.push(format!("exception: {}", params["exceptionDetails"]));
                }
                Some("Log.entryAdded") if params["entry"]["level"] == "error" => {
                    problems.push(format!("log error: {}", params["entry"]));
                }
                Some("Network.requestWillBeSent") if params["request"]["url"] != allowed => {
                    problems.push(format!("request: {}", params["request"]["url"]));
                }
                Some("Network.loadingFailed") => {
                    problems.push(format!("failed load: {params}"));
                }
                _ => {}
            }
        }
        problems
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let id = self.send("Browser.close", json!({}), None);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match self.messages.recv_timeout(Duration::from_millis(200)) {
                Ok(message) if message["id"] == json!(id) => break,
                Ok(_) => {}
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
        for _ in 0..50 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 (the screenshot's encoding).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        other => panic!("not base64: {other}"),
    };
    let digits: Vec<u8> = text
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .map(value)
        .collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut word = 0u32;
        for (i, &digit) in chunk.iter().enumerate() {
            word |= u32::from(digit) << (18 - 6 * i);
        }
        out.extend_from_slice(&word.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn base64_decodes_the_rfc_4648_vectors() {
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(encoded), plain.as_bytes());
    }
}

#[test]
fn the_report_works_offline_in_chromium() {
    let resolution = sample_resolution();
    let kelly = resolution.records_with_id("crm-000002")[0];
    let entity = resolution.entity_of(kelly).unwrap().id();
    let options = ReportOptions::builder()
        .title("sameas report: the bundled sample")
        .setting(
            "inputs",
            "examples/data/crm.csv, newsletter.csv, support.csv",
        )
        .pin(entity)
        .build()
        .unwrap();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("sample-report.html");
    write_report(&resolution, &options, std::fs::File::create(&path).unwrap()).unwrap();
    let html = std::fs::read_to_string(&path).unwrap();
    // Sensitive values never reach the file: the sample's dates of birth.
    assert!(
        !html.contains("1940-03-27"),
        "a masked date of birth is in the file"
    );

    let mut browser = Browser::launch("sample");
    let url = format!("file://{}", path.canonicalize().unwrap().display());
    browser.navigate(&url);

    // Every section, with its charts.
    let sections = browser.eval(
        "['summary','model','blocking','scores','entities'].map(id => !!document.getElementById(id))",
    );
    assert_eq!(sections, json!([true, true, true, true, true]));
    let charts = browser.eval("document.querySelectorAll('svg.chart').length");
    assert!(charts.as_u64().unwrap() >= 8, "{charts} charts");
    assert_eq!(
        browser.eval("document.querySelectorAll('#model polyline').length"),
        json!(2),
        "one EM line per session"
    );
    // No horizontal scrolling at 1280 px.
    let widths = browser.eval("[document.documentElement.scrollWidth, window.innerWidth]");
    assert!(
        widths[0].as_u64() <= widths[1].as_u64(),
        "page wider than the window: {widths}"
    );

    // The known entity: pinned, shown first; the pair crm-000002 ~
    // support-000034 explained after a click.
    let shown = browser.eval("document.querySelector('article.entity:not([hidden])').dataset.id");
    assert_eq!(shown, json!(entity.to_string()));
    let waterfall = browser.eval(&format!(
        r#"(() => {{
            const panel = document.querySelector('article.entity[data-id="{entity}"]');
            const rows = [...panel.querySelectorAll('tr[data-row]')];
            const row = id => rows.find(tr => tr.textContent.includes(id)).dataset.row;
            const [a, b] = [row('crm-000002'), row('support-000034')];
            const nodes = [a, b].map(r => panel.querySelector('.node[data-row="' + r + '"]'));
            nodes.forEach(node => node.dispatchEvent(new MouseEvent('click', {{ bubbles: true }})));
            const table = panel.querySelector('.waterfall table.wf');
            return table && [...table.querySelectorAll('tbody th')].map(th => th.textContent);
        }})()"#
    ));
    let names: Vec<&str> = waterfall
        .as_array()
        .expect("a waterfall table")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"prior"));
    assert_eq!(names.last(), Some(&"total"));
    assert!(
        names.contains(&"email") && names.contains(&"given"),
        "{names:?}"
    );
    let total = browser
        .eval("document.querySelector('article.entity:not([hidden]) tr.total td.num').textContent");
    let explained = resolution
        .explain(
            resolution.records_with_id("crm-000002")[0],
            resolution.records_with_id("support-000034")[0],
            sameas::matcher::Reveal::All,
        )
        .unwrap();
    assert_eq!(total, json!(format!("+{:.2}", explained.score().weight())));
    // The masked date of birth shows as masked in the waterfall.
    assert_eq!(
        browser.eval("[...document.querySelectorAll('article.entity:not([hidden]) table.wf tbody tr')].find(tr => tr.firstChild.textContent === 'dob').children[2].textContent"),
        json!("•••••")
    );
    browser.screenshot(".explorer", 1700, &dir.join("report-explorer.png"));

    // The keyboard alone: another view's tab, an entity, then an edge.
    browser.eval("document.querySelector('#tab-largest').focus()");
    browser.press("Enter", 13);
    browser.eval("document.querySelector('#list-largest button.pick').focus()");
    browser.press("Enter", 13);
    let largest = browser.eval("document.querySelector('#list-largest button.pick').dataset.id");
    assert_eq!(
        browser.eval("document.querySelector('article.entity:not([hidden])').dataset.id"),
        largest
    );
    browser.eval("document.querySelector('article.entity:not([hidden]) .edge[data-pair]').focus()");
    browser.press("Enter", 13);
    assert_eq!(
        browser
            .eval("!!document.querySelector('article.entity:not([hidden]) .waterfall table.wf')"),
        json!(true),
        "Enter on a focused edge shows its waterfall"
    );

    // The top of the report, for the README, and each section.
    browser.eval("window.scrollTo(0, 0)");
    browser.screenshot("body", 1500, &dir.join("report.png"));
    for section in ["summary", "model", "blocking", "scores", "entities"] {
        browser.screenshot(
            &format!("#{section}"),
            2400,
            &dir.join(format!("section-{section}.png")),
        );
    }

    // Printing: A4 pages, nothing wider than the page.
    browser.call("Emulation.setEmulatedMedia", json!({ "media": "print" }));
    let print = browser.eval("[document.documentElement.scrollWidth, window.innerWidth]");
    assert!(
        print[0].as_u64() <= print[1].as_u64(),
        "print layout wider than the page: {print}"
    );
    browser.screenshot("body", 2400, &dir.join("print.png"));
    browser.call("Emulation.setEmulatedMedia", json!({ "media": "" }));
    let pdf = browser.call(
        "Page.printToPDF",
        json!({ "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": true }),
    );
    assert!(base64(pdf["data"].as_str().unwrap()).starts_with(b"%PDF"));

    let problems = browser.problems(&url);
    assert!(
        problems.is_empty(),
        "the page reported problems:\n{}",
        problems.join("\n")
    );
    if std::env::var_os("SAMEAS_UPDATE_SCREENSHOTS").is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
        std::fs::create_dir_all(&docs).unwrap();
        for name in ["report.png", "report-explorer.png"] {
            std::fs::copy(dir.join(name), docs.join(name)).unwrap();
        }
    }
}
