using Microsoft.Playwright;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task A_user_manages_tasks_and_finds_them_as_left_after_reload_while_another_user_sees_none()
    {
        var ada = new DashboardPage(await fixture.NewPageAsync());
        await ada.RegisterAsync(DashboardPage.NewEmail());
        await Expect(ada.Page.GetByTestId("task-list")).ToContainTextAsync("No tasks yet");

        await ada.AddAsync("Buy milk");
        await ada.AddAsync("Call mum");
        await ada.AddAsync("Book dentist");

        // Complete one: it stays in the default view, after the open ones.
        await ada.Row("Buy milk").GetByTestId("task-done-toggle").CheckAsync();
        await Expect(ada.Row("Buy milk")).ToHaveAttributeAsync("data-done", "true");
        await Expect(ada.Rows.Last).ToContainTextAsync("Buy milk");

        // Edit one's due date (the browser's zone is Europe/London: BST in May).
        var editor = await ada.OpenEditorAsync("Call mum");
        await editor.GetByTestId("edit-due").FillAsync("2030-05-17T09:30");
        await editor.GetByTestId("edit-save").ClickAsync();
        await Expect(ada.Row("Call mum").GetByTestId("task-due")).ToContainTextAsync("17 May 2030 09:30");

        // Delete one, then take it back.
        await ada.Row("Book dentist").GetByTestId("task-delete").ClickAsync();
        await Expect(ada.Row("Book dentist")).ToHaveCountAsync(0);
        await ada.Page.GetByTestId("undo-delete").ClickAsync();
        await Expect(ada.Row("Book dentist")).ToHaveCountAsync(1);
        await Expect(ada.Page.GetByTestId("undo-toast")).ToHaveCountAsync(0);

        await ada.ReloadAsync();
        await Expect(ada.Rows).ToHaveCountAsync(3);
        await Expect(ada.Row("Buy milk")).ToHaveAttributeAsync("data-done", "true");
        await Expect(ada.Row("Call mum").GetByTestId("task-due")).ToContainTextAsync("17 May 2030 09:30");
        await Expect(ada.Row("Book dentist")).ToHaveAttributeAsync("data-done", "false");

        var bob = new DashboardPage(await fixture.NewPageAsync());
        await bob.RegisterAsync(DashboardPage.NewEmail());
        await Expect(bob.Page.GetByTestId("task-list")).ToContainTextAsync("No tasks yet");
        await Expect(bob.Rows).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task Keyboard_enter_saves_escape_cancels_and_a_rejected_title_is_explained()
    {
        var page = new DashboardPage(await fixture.NewPageAsync());
        await page.RegisterAsync(DashboardPage.NewEmail());

        // Enter on an empty quick-add says what is wrong and adds nothing.
        await page.Page.GetByTestId("new-task-input").PressAsync("Enter");
        await Expect(page.Page.GetByTestId("task-notice")).ToContainTextAsync("Title is required.");
        await Expect(page.Rows).ToHaveCountAsync(0);

        await page.AddAsync("Water plants");
        await Expect(page.Page.GetByTestId("task-notice")).ToHaveCountAsync(0);

        // Esc abandons an edit.
        var editor = await page.OpenEditorAsync("Water plants");
        await editor.GetByTestId("edit-title").FillAsync("Something else");
        await editor.GetByTestId("edit-title").PressAsync("Escape");
        await Expect(page.Row("Water plants")).ToHaveCountAsync(1);
        await Expect(page.Page.GetByTestId("task-editor")).ToHaveCountAsync(0);

        // An over-long title is refused with the rule, and the editor stays open.
        editor = await page.OpenEditorAsync("Water plants");
        await editor.GetByTestId("edit-title").FillAsync(new string('x', 300));
        await editor.GetByTestId("edit-title").PressAsync("Enter");
        await Expect(editor).ToContainTextAsync("Title must be at most 255 characters (it has 300).");

        // Enter in the title saves.
        await editor.GetByTestId("edit-title").FillAsync("Water the plants");
        await editor.GetByTestId("edit-title").PressAsync("Enter");
        await Expect(page.Row("Water the plants")).ToHaveCountAsync(1);
    }

    [BrowserFact]
    public async Task Filters_and_search_narrow_the_list_and_say_so_when_nothing_matches()
    {
        var page = new DashboardPage(await fixture.NewPageAsync());
        await page.RegisterAsync(DashboardPage.NewEmail());
        await page.AddAsync("Buy milk");
        await page.AddAsync("Pay rent");
        await page.Row("Pay rent").GetByTestId("task-done-toggle").CheckAsync();
        await Expect(page.Row("Pay rent")).ToHaveAttributeAsync("data-done", "true");

        await page.Page.GetByTestId("task-filter").GetByText("Done").ClickAsync();
        await Expect(page.Rows).ToHaveCountAsync(1);
        await Expect(page.Row("Pay rent")).ToHaveCountAsync(1);

        await page.Page.GetByTestId("task-filter").GetByText("All").ClickAsync();
        await page.Page.GetByTestId("task-search").FillAsync("MILK");
        await Expect(page.Rows).ToHaveCountAsync(1);
        await Expect(page.Row("Buy milk")).ToHaveCountAsync(1);

        await page.Page.GetByTestId("task-search").FillAsync("zebra");
        await Expect(page.Page.GetByTestId("empty-state")).ToContainTextAsync("No tasks match these filters.");

        await page.Page.GetByTestId("clear-filters").ClickAsync();
        await Expect(page.Rows).ToHaveCountAsync(2);
        await Expect(page.Page.GetByTestId("task-search")).ToHaveValueAsync("");
    }
}
