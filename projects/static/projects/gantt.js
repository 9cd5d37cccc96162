/* The project's Gantt chart. The manager's drags save through the tasks API with a reason;
   a refused change snaps the chart back and the server's message is read out. */
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
    if (!body || typeof body !== "object") {
      return text.refused;
    }
    return Object.keys(body).map(function (field) {
      var value = body[field];
      return (field === "detail" ? "" : field + ": ") + (Array.isArray(value) ? value.join(" ") : value);
    }).join(" ");
  }

  var chart = new Gantt(frame, copy(saved), {
    view_mode: "Week",
    readonly: !mayManage,
    move_dependencies: false,
    popup_on: "click",
    today_button: false,
    scroll_to: "start",
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

  function save(task, changes) {
    var reasonInput = document.getElementById("gantt-reason");
    var body = Object.assign({ reason: reasonInput ? reasonInput.value : "" }, changes);
    say(text.saving + " " + task.name, false);
    fetch(taskUrl + task.pk + "/", {
      method: "PATCH",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": frame.dataset.csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (!response.ok) {
          throw new Error(describe(data));
        }
        saved = saved.map(function (row) {
          return row.pk === data.id
            ? Object.assign({}, row, { start: data.start_date, end: data.end_date, progress: data.progress })
            : row;
        });
        say(text.saved + " " + task.name + ": " + data.start_date + " – " + data.end_date + ", " + data.progress + "%", false);
      });
    }).catch(function (error) {
      chart.refresh(copy(saved));
      say(text.notSaved + " " + error.message, true);
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
