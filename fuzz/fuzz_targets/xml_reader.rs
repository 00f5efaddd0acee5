//! The runtime's XML reader walking an arbitrary document: every element,
//! attribute and text, with the depth bound; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restxml_runtime::xml::{Document, Element, XmlError};

fn walk(element: &mut Element<'_, '_>, budget: &mut u32) -> Result<(), XmlError> {
    let _ = element.attribute("xmlns")?;
    while let Some(mut child) = element.next_child()? {
        *budget = budget.saturating_sub(1);
        if *budget == 0 {
            return Ok(());
        }
        if child.local_name().len() % 2 == 0 {
            let _ = child.text();
        } else {
            walk(&mut child, budget)?;
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    if let Ok(mut document) = Document::new(data) {
        if let Ok(mut root) = document.root() {
            let mut budget = 10_000;
            let _ = walk(&mut root, &mut budget);
        }
    }
});
