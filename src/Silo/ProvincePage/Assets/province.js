// The province page: asks /province/figures every few seconds and shows what it answers, without reloading.
// Text only (textContent), never markup from the answer.
"use strict";

(function () {
  const FIGURES = [
    ["receivedToday", "Tiếp nhận hôm nay", count],
    ["inProcessing", "Đang xử lý", count],
    ["overdue", "Quá hạn", count],
    ["apologyDue", "Cần xin lỗi", count],
    ["onTimeRate", "Đúng hạn năm nay", rate],
    ["onlineRate", "Tỷ lệ trực tuyến", rate],
  ];
  const ALERTS = new Set(["overdue", "apologyDue"]);
  const status = document.getElementById("status");
  const provinceCard = document.getElementById("province");
  const list = document.getElementById("agency-list");
  const onlyActive = document.getElementById("only-active");
  const noAgency = document.getElementById("no-agency");
  const cards = new Map();
  let refreshSeconds = 2;
  let last = null;

  // 1234567 -> "1.234.567" (Vietnamese grouping), the same on every browser and locale.
  function count(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  // 0.956 -> "95,6 %"; none yet -> "—".
  function rate(r) {
    return r === null || r === undefined ? "—" : (r * 100).toFixed(1).replace(".", ",") + " %";
  }

  function seconds(s) {
    return s === null || s === undefined ? "—" : s.toFixed(1).replace(".", ",") + " giây";
  }

  function figureList(dl) {
    for (const [key, label] of FIGURES) {
      const item = document.createElement("div");
      item.dataset.figure = key;
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = "—";
      item.append(dt, dd);
      dl.append(item);
    }
  }

  function fill(dl, figures) {
    for (const [key, , format] of FIGURES) {
      const item = dl.querySelector(`[data-figure="${key}"]`);
      const value = figures[key];
      item.querySelector("dd").textContent = format(value);
      item.classList.toggle("alert", ALERTS.has(key) && value > 0);
    }
  }

  function card(agency) {
    let element = cards.get(agency.code);
    if (!element) {
      element = document.createElement("article");
      element.className = "card";
      element.dataset.agency = agency.code;
      const title = document.createElement("h3");
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = agency.code;
      title.append(agency.name + " ", code);
      const dl = document.createElement("dl");
      dl.className = "figures";
      figureList(dl);
      element.append(title, dl);
      cards.set(agency.code, element);
      list.append(element);
    }
    return element;
  }

  function show(snapshot) {
    last = snapshot;
    refreshSeconds = snapshot.refreshSeconds || refreshSeconds;
    if (snapshot.province) {
      const dl = provinceCard.querySelector("dl");
      if (!dl.firstChild) figureList(dl);
      fill(dl, snapshot.province);
      provinceCard.hidden = false;
    } else {
      provinceCard.hidden = true;
    }

    // One agency only (an agency's leader): always shown, and nothing to filter.
    const single = snapshot.agencies.length === 1;
    document.getElementById("only-active-label").hidden = single;
    let shown = 0;
    for (const agency of snapshot.agencies) {
      const element = card(agency);
      fill(element.querySelector("dl"), agency.figures);
      element.hidden = !single && onlyActive.checked && agency.figures.total === 0;
      if (!element.hidden) shown++;
    }
    noAgency.hidden = shown > 0;

    document.querySelector('[data-figure="relayLag"] dd').textContent = seconds(snapshot.relayLagSeconds);
    document.querySelector('[data-figure="changeFeedLag"] dd').textContent = seconds(snapshot.changeFeedLagSeconds);
    const at = new Date(snapshot.evaluatedAt).toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour12: false });
    status.textContent = "Cập nhật lúc " + at;
    document.body.classList.remove("stale");
  }

  async function refresh() {
    try {
      const response = await fetch("/province/figures", { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" });
      if (response.status === 401) {
        window.location.assign("/province/login");
        return;
      }
      if (response.status === 403) {
        status.textContent = "Tài khoản này không được xem số liệu.";
        return;
      }
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      show(await response.json());
    } catch (error) {
      status.textContent = "Chưa lấy được số liệu mới (" + error.message + "), đang thử lại…";
      document.body.classList.add("stale");
    }
    window.setTimeout(refresh, refreshSeconds * 1000);
  }

  onlyActive.addEventListener("change", () => { if (last) show(last); });
  refresh();
})();
