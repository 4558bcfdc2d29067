// "Read aloud": the browser's own speech synthesis reads the question in the participant's language.
// Only voices on the device are used (a café hotspot has no internet); with none for the language,
// the button is hidden (class ft-no-voice) instead of promising something it cannot do.

function findVoice(language) {
  const synth = globalThis.speechSynthesis;
  if (!synth || typeof synth.getVoices !== "function") return null;
  const wanted = language.toLowerCase();
  const base = wanted.split(/[-_]/)[0];
  const local = synth.getVoices().filter((voice) => voice.localService !== false);
  return (
    local.find((voice) => voice.lang.toLowerCase().replace("_", "-") === wanted) ||
    local.find((voice) => voice.lang.toLowerCase().split(/[-_]/)[0] === base) ||
    null
  );
}

function render({ model, el }) {
  const synth = globalThis.speechSynthesis;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "ft-read-aloud-button";
  el.appendChild(button);

  const show = () => {
    button.textContent = model.get("label");
    el.classList.toggle("ft-no-voice", !findVoice(model.get("language")));
  };
  const speak = () => {
    const voice = findVoice(model.get("language"));
    if (!voice || typeof SpeechSynthesisUtterance === "undefined") return;
    synth.cancel(); // a second tap starts again instead of queueing
    const utterance = new SpeechSynthesisUtterance(model.get("text"));
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    synth.speak(utterance);
  };

  show();
  button.addEventListener("click", speak);
  model.on("change:label", show);
  model.on("change:language", show);
  if (synth && typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", show);
  return () => {
    if (synth && typeof synth.removeEventListener === "function") synth.removeEventListener("voiceschanged", show);
    if (synth && typeof synth.cancel === "function") synth.cancel();
  };
}

export default { render };
