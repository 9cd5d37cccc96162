/**
 * The motion page's encrypted ballot: encrypt the voter's marks in this browser, show the tracking
 * code, then cast the encrypted ballot or challenge it. A challenged ballot is opened here (its
 * randomness revealed and checked), offered for download to check elsewhere, and never cast.
 * The marks themselves never leave the page: only the encrypted ballot is posted.
 */
import { auditBallot, encryptBallot, readable, trackingCode } from 'secret_ballot/ballot.mjs';

const section = document.getElementById('encrypted-ballot');
const setup = JSON.parse(document.getElementById('encryption').textContent);
const { manifest } = setup;
const question = manifest.questions[0];
const marksForm = document.getElementById('encrypted-marks');
const sealed = document.getElementById('sealed');
const ballotField = document.getElementById('ballot-field');
const encryptError = document.getElementById('encrypt-error');
const audit = document.getElementById('audit');
const castFor = document.getElementById('encrypt-for');
let pending = null;

function selections() {
  const ticked = new Set(
    Array.from(marksForm.querySelectorAll('input[name=mark]:checked'), (input) => input.value),
  );
  return { [question.id]: question.choices.map((_, i) => (ticked.has(String(i)) ? 1 : 0)) };
}

function lockMarks(locked) {
  marksForm.querySelectorAll('input, button').forEach((element) => { element.disabled = locked; });
}

marksForm.addEventListener('submit', (event) => {
  event.preventDefault();
  encryptError.hidden = true;
  audit.hidden = true;
  const voter = setup.voters[castFor ? Number(castFor.value) : 0];
  try {
    pending = encryptBallot(manifest, setup.public_key, voter.voter_id, selections());
  } catch (error) {
    encryptError.textContent = `${section.dataset.failed} ${error.message}`;
    encryptError.hidden = false;
    return;
  }
  pending.code = trackingCode(manifest.election_id, pending.ballot);
  ballotField.value = JSON.stringify(pending.ballot);
  document.getElementById('on-behalf-of').value = voter.on_behalf_of ?? '';
  document.getElementById('sealed-for').textContent = castFor ? `(${voter.label})` : '';
  document.getElementById('tracking-code').textContent = readable(pending.code);
  lockMarks(true);
  sealed.hidden = false;
});

document.getElementById('challenge').addEventListener('click', () => {
  const challenged = pending;
  pending = null;
  ballotField.value = '';
  sealed.hidden = true;
  const result = document.getElementById('audit-result');
  try {
    const marks = auditBallot(manifest, setup.public_key, challenged.ballot, challenged.randomness)[question.id];
    const names = setup.choices.filter((choice) => marks[choice.index] === 1).map((choice) => choice.label);
    result.textContent = `${section.dataset.holds} ${names.length ? names.join(', ') : section.dataset.abstain}`;
  } catch {
    result.textContent = section.dataset.lied;
  }
  const file = {
    election: manifest,
    public_key: setup.public_key,
    ballot: challenged.ballot,
    randomness: challenged.randomness,
    tracking_code: challenged.code,
  };
  const link = document.getElementById('audit-download');
  link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
  audit.hidden = false;
  lockMarks(false);
});

lockMarks(false);
