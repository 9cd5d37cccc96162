/* The project's Gantt chart. The manager's drags save through the tasks API with a reason,
   one request after another; a refused or failed change snaps the chart back to what the
   server holds and its reason is read out. */
(function () {
  "use strict";
  var frame = document.getElementById("gantt");
  var source = document.getElementById("gantt-rows");
  if (!frame || !source || typeof Gantt === "undefined") {
    return;
  }
  var status = document.getElementById("gantt-status");
  var mayManage = frame.dataset.mayManage === "true";
  var taskUrl = frame.dataset.taskUrl;
  // The last state the server accepted; the chart is redrawn from it when a change is refused.
  var saved = JSON.parse(source.textContent);
  var text = JSON.parse(document.getElementById("gantt-messages").textContent);
  if (!saved.length) {
    return;
  }

  function copy(rows) {
    return rows.map(function (row) { return Object.assign({}, row); });
  }

  function isoDay(date) {
    var local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
    return local.toISOString().slice(0, 10);
  }

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  function describe(body) {
    if (!body || typeof body !== "object" || !Object.keys(body).length) {
      return text.refused;
    }
    return Object.keys(body).map(function (field) {
      var value = body[field];
      var label = field === "detail" || field === "non_field_errors" ? "" : (text.fields[field] || field) + ": ";
      return label + (Array.isArray(value) ? value.join(" ") : value);
    }).join(" ");
  }

  // Open on today while the plan spans it: the manager's question is "where are we now".
  var today = isoDay(new Date());
  var spansToday = saved.some(function (row) { return row.start <= today; }) &&
    saved.some(function (row) { return row.end >= today; });

  var chart = new Gantt(frame, copy(saved), {
    view_mode: "Week",
    readonly: !mayManage,
    move_dependencies: false,
    popup_on: "click",
    today_button: false,
    scroll_to: spansToday ? "today" : "start",
    on_date_change: function (task, start, end) {
      save(task, { start_date: isoDay(start), end_date: isoDay(end) });
    },
    on_progress_change: function (task, progress) {
      save(task, { progress: Math.round(progress) });
    }
  });

  // The chart scrolls sideways: keyboard users must be able to reach and scroll it.
  var scroller = frame.querySelector(".gantt-container") || frame;
  scroller.setAttribute("tabindex", "0");
  scroller.setAttribute("aria-label", text.chartLabel);

  // The chart reports a change at every step of a drag. Changes wait here, merged per task,
  // until the drag has settled; then they are sent one request after another, never in
  // parallel, and "Saved" is said only once every request of the batch was stored.
  var pending = [];
  var sending = false;
  var timer = null;
  var done = [];
  var SETTLE_MS = 250;

  function save(task, changes) {
    var waiting = pending.filter(function (item) { return item.task.pk === task.pk; })[0];
    if (waiting) {
      Object.assign(waiting.changes, changes);
    } else {
      pending.push({ task: task, changes: Object.assign({}, changes) });
    }
    say(text.saving + " " + task.name, false);
    clearTimeout(timer);
    timer = setTimeout(sendNext, SETTLE_MS);
  }

  function send(item) {
    var reasonInput = document.getElementById("gantt-reason");
    var body = Object.assign({ reason: reasonInput ? reasonInput.value : "" }, item.changes);
    return fetch(taskUrl + item.task.pk + "/", {
      method: "PATCH",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": frame.dataset.csrf },
      body: JSON.stringify(body)
    }).catch(function () {
      throw new Error(text.network);
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (!response.ok || !data) {
          throw new Error(describe(data) || text.refused);
        }
        return data;
      });
    });
  }

  function sendNext() {
    if (sending) {
      return;
    }
    var item = pending.shift();
    if (!item) {
      if (done.length) {
        say(text.saved + " " + done.join("; "), false);
      }
      done = [];
      return;
    }
    sending = true;
    send(item).then(function (data) {
      sending = false;
      saved = saved.map(function (row) {
        return row.pk === data.id
          ? Object.assign({}, row, { start: data.start_date, end: data.end_date, progress: data.progress })
          : row;
      });
      done.push(item.task.name + ": " + data.start_date + " – " + data.end_date + ", " + data.progress + "%");
      sendNext();
    }, function (error) {
      // What is still waiting was drawn on top of the refused change: drop it with the chart's
      // state and show what the server holds.
      sending = false;
      pending = [];
      done = [];
      clearTimeout(timer);
      chart.refresh(copy(saved));
      say(text.notSaved + " " + item.task.name + ": " + error.message, true);
    });
  }

  document.querySelectorAll("[data-view-mode]").forEach(function (button) {
    button.addEventListener("click", function () {
      chart.change_view_mode(button.dataset.viewMode);
      document.querySelectorAll("[data-view-mode]").forEach(function (other) {
        other.setAttribute("aria-pressed", String(other === button));
      });
    });
  });
})();
